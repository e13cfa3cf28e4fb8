import { spawnSync } from 'node:child_process';
import { cliEntry } from './paths.ts';

/**
 * Runs the CLI as an ordinary user: root reads every file whatever its mode, so a permission test
 * run as root drops to `nobody` with setpriv (util-linux) first.
 */
export function runSuiteUnprivileged(args: string[]): {
  code: number | null;
  stdout: string;
  stderr: string;
} {
  const root = process.getuid?.() === 0;
  const command = root ? 'setpriv' : process.execPath;
  const prefix = root ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [];
  const result = spawnSync(command, [...prefix, cliEntry, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
