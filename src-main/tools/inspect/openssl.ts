import { readdirSync } from 'node:fs';
import { access, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { OpensslExecutable, OpensslReport, SupportStatus } from '../../contract/inspect.ts';
import releases from './openssl-releases.json' with { type: 'json' };
import { markdownTable } from './markdown.ts';
import { runCommand } from './run-command.ts';

const executable = process.platform === 'win32' ? 'openssl.exe' : 'openssl';

/** Install places people and package managers use, beyond PATH; `*` stands for versioned folders. */
const WELL_KNOWN = [
  '/usr/bin',
  '/usr/local/bin',
  '/usr/local/ssl/bin',
  '/usr/local/opt/openssl*/bin',
  '/opt/homebrew/bin',
  '/opt/homebrew/opt/openssl*/bin',
  '/opt/local/bin',
  'C:\\Program Files\\OpenSSL-Win64\\bin',
  'C:\\Program Files\\OpenSSL\\bin',
  'C:\\Program Files\\Git\\usr\\bin',
  'C:\\Program Files\\Git\\mingw64\\bin',
];

function expand(pattern: string): string[] {
  const star = pattern.indexOf('*');
  if (star < 0) return [pattern];
  const slash = pattern.lastIndexOf('/', star);
  const parent = pattern.slice(0, slash);
  const prefix = pattern.slice(slash + 1, star);
  const rest = pattern.slice(pattern.indexOf('/', star));
  try {
    return readdirSync(parent)
      .filter((name) => name.startsWith(prefix))
      .sort()
      .map((name) => `${parent}/${name}${rest}`);
  } catch {
    return [];
  }
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Which release line a version belongs to: 3.0.17 → 3.0, 1.0.2u → 1.0.2. */
function releaseLine(version: string): string {
  const parts = version.replace(/[a-z]+$/i, '').split('.');
  return parts[0] === '0' || parts[0] === '1' ? parts.slice(0, 3).join('.') : parts.slice(0, 2).join('.');
}

export function supportStatus(
  product: string,
  version: string,
  platform: string | null,
  today = new Date(),
): SupportStatus {
  if (product !== 'OpenSSL') {
    return {
      status: 'unknown',
      until: null,
      note: `${product} is not OpenSSL; its own project decides its support.`,
    };
  }
  const line = releases.lines.find((entry) => entry.line === releaseLine(version));
  if (!line)
    return {
      status: 'unknown',
      until: null,
      note: `${version} is not in the release data (checked ${releases.checkedOn}).`,
    };
  const supported = today.toISOString().slice(0, 10) <= line.endOfSupport;
  const distribution = platform && /debian|ubuntu|rhel|redhat|fedora|suse|alpine/i.test(platform);
  const backports =
    !supported && distribution ? ' Your distribution may still ship security fixes for its own build.' : '';
  return {
    status: supported ? 'supported' : 'out-of-support',
    until: line.endOfSupport,
    note: supported
      ? `OpenSSL ${line.line} is supported until ${line.endOfSupport}.`
      : `OpenSSL ${line.line} went out of support on ${line.endOfSupport}.${backports}`,
  };
}

/** Reads `openssl version -a`: version, build date, platform, OPENSSLDIR and MODULESDIR. */
export function parseVersionOutput(text: string): Omit<
  OpensslExecutable,
  'path' | 'realPath' | 'pathIndex' | 'wins' | 'support' | 'error'
> & {
  product: string;
} {
  const first = /^(OpenSSL|LibreSSL|BoringSSL)\s+(\S+)/m.exec(text);
  const field = (name: string) =>
    new RegExp(`^${name}:\\s*"?([^"\\n]*)"?`, 'm').exec(text)?.[1]?.trim() ?? null;
  return {
    product: first?.[1] ?? 'unknown',
    version: first?.[2] ?? null,
    builtOn: field('built on'),
    platform: field('platform'),
    openssldir: field('OPENSSLDIR'),
    modulesdir: field('MODULESDIR'),
  };
}

async function describe(path: string, pathIndex: number | null): Promise<OpensslExecutable> {
  const real = await realpath(path).catch(() => path);
  const base = { path, realPath: real, pathIndex, wins: false };
  try {
    const result = await runCommand(path, ['version', '-a'], 5000);
    if (result.code !== 0)
      throw new Error(
        `${path} exited with status ${result.code}: ${result.stderr.trim().split('\n')[0] ?? ''}`,
      );
    const { product, ...parsed } = parseVersionOutput(result.stdout);
    const support = parsed.version ? supportStatus(product, parsed.version, parsed.platform) : null;
    return { ...base, ...parsed, support, error: null };
  } catch (error) {
    return {
      ...base,
      version: null,
      builtOn: null,
      platform: null,
      openssldir: null,
      modulesdir: null,
      support: null,
      error: (error as Error).message,
    };
  }
}

/** Every openssl on PATH (in order) and in the well-known places; the first on PATH is what a shell runs. */
export async function inspectOpenssl(env: NodeJS.ProcessEnv = process.env): Promise<OpensslReport> {
  const seen = new Map<string, number | null>();
  const pathDirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const [index, dir] of pathDirs.entries()) {
    const candidate = join(dir, executable);
    if (!seen.has(candidate) && (await isExecutable(candidate))) seen.set(candidate, index);
  }
  for (const dir of WELL_KNOWN.flatMap(expand)) {
    const candidate = join(dir, executable);
    if (!seen.has(candidate) && (await isExecutable(candidate))) seen.set(candidate, null);
  }
  // /bin/openssl and /usr/bin/openssl are one file where /bin links to /usr/bin: list it once.
  const described = await Promise.all([...seen].map(([path, index]) => describe(path, index)));
  const executables = described.filter(
    (entry, position) => described.findIndex((other) => other.realPath === entry.realPath) === position,
  );
  const winner = executables
    .filter((entry) => entry.pathIndex !== null)
    .sort((a, b) => a.pathIndex! - b.pathIndex!)[0];
  if (winner) winner.wins = true;
  const flagged = executables.some(
    (entry) => entry.support?.status === 'out-of-support' || entry.error !== null,
  );
  const rows = executables.map((entry) => [
    entry.path + (entry.wins ? ' (runs)' : ''),
    entry.version ?? entry.error,
    entry.support ? `${entry.support.status}${entry.support.until ? ` (${entry.support.until})` : ''}` : null,
    entry.openssldir,
    entry.platform,
  ]);
  return {
    executables,
    releaseDataCheckedOn: releases.checkedOn,
    flagged,
    markdown: `## OpenSSL\n\n${executables.length === 0 ? 'No openssl found.' : markdownTable(['Executable', 'Version', 'Support', 'OPENSSLDIR', 'Platform'], rows)}\n\nRelease data checked on ${releases.checkedOn}.\n`,
  };
}
