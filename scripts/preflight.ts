import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { REQUIREMENTS } from './system-requirements.ts';
import type { Requirement } from './system-requirements.ts';

/**
 * `npm test` runs this first: it names the programs the tests need that this machine lacks, with the
 * one command that installs them, and stops, rather than letting the run fail deep inside. As root
 * or on CI (CI=true) it installs them itself with apt-get, as a CI machine expects.
 */

function present(needs: string, path: string): boolean {
  const candidates = isAbsolute(needs)
    ? [needs]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, needs));
  return candidates.some((candidate) => {
    try {
      accessSync(candidate, isAbsolute(needs) ? constants.R_OK : constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function missingRequirements(path = process.env.PATH ?? ''): Requirement[] {
  return REQUIREMENTS.filter((requirement) => !present(requirement.needs, path));
}

function packagesOf(missing: Requirement[]): string[] {
  return [...new Set(missing.map((requirement) => requirement.debianPackage))];
}

function installCommand(packages: string[]): string {
  return `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** apt-get update + install, as root directly or through sudo; true when it succeeded. */
function install(packages: string[]): boolean {
  const root = process.getuid?.() === 0;
  const run = (args: string[]) => {
    const [command, ...rest] = root ? args : ['sudo', '-n', ...args];
    const result = spawnSync(command!, rest, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return result.status === 0;
  };
  process.stdout.write(`Installing the Debian packages the tests need: ${packages.join(' ')}\n`);
  return (
    run(['apt-get', 'update', '-qq']) &&
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages])
  );
}

function main(): number {
  let missing = missingRequirements();
  if (missing.length === 0) return 0;
  const mayInstall = process.getuid?.() === 0 || process.env.CI === 'true';
  if (mayInstall && install(packagesOf(missing))) missing = missingRequirements();
  if (missing.length === 0) return 0;
  const names = missing.map((requirement) => requirement.needs).join(', ');
  process.stderr.write(
    `The tests need programs this machine lacks: ${names}.\n` +
      `Install them with:\n  ${installCommand(packagesOf(missing))}\n` +
      missing.map((requirement) => `  (${requirement.needs}: ${requirement.why})\n`).join(''),
  );
  return 1;
}

if (import.meta.main) process.exitCode = main();
