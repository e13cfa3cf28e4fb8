import { readdirSync } from 'node:fs';
import { access, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { OpensslExecutable, OpensslReport, SupportStatus } from '../../contract/inspect.ts';
import releases from './openssl-releases.json' with { type: 'json' };
import { markdownTable } from './markdown.ts';
import { runCommand } from './run-command.ts';
import { SuiteError } from '../../core/suite-error.ts';

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

/** Which release line a version belongs to: 3.0.17 → 3.0, 1.0.2u → 1.0.2; LibreSSL 3.9.2 → 3.9. */
function releaseLine(product: string, version: string): string {
  const parts = version.replace(/[a-z]+$/i, '').split('.');
  const old = product === 'OpenSSL' && (parts[0] === '0' || parts[0] === '1');
  return old ? parts.slice(0, 3).join('.') : parts.slice(0, 2).join('.');
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function libresslStatus(version: string, today: Date): SupportStatus {
  const line = releases.libressl.find((entry) => entry.line === releaseLine('LibreSSL', version));
  if (!line) {
    const old = Number(version.split('.')[0]) < 3;
    return old
      ? {
          status: 'out-of-support',
          until: null,
          note: `LibreSSL ${version} is older than any branch still supported.`,
        }
      : {
          status: 'unknown',
          until: null,
          note: `LibreSSL ${version} is not in the release data (checked ${releases.checkedOn}).`,
        };
  }
  if (line.endOfSupport !== null) {
    const supported = day(today) <= line.endOfSupport;
    return {
      status: supported ? 'supported' : 'out-of-support',
      until: line.endOfSupport,
      note: supported
        ? `LibreSSL ${line.line} (OpenBSD ${line.openbsd}) is supported until ${line.endOfSupport}.`
        : `LibreSSL ${line.line} (OpenBSD ${line.openbsd}) went out of support on ${line.endOfSupport}, when the second OpenBSD release after it came out. macOS and others ship it with their own fixes, if any.`,
    };
  }
  // Its end is the second OpenBSD release after it, not yet dated: a year after its own release at least.
  const yearAfter = new Date(`${line.released}T00:00:00Z`);
  yearAfter.setUTCFullYear(yearAfter.getUTCFullYear() + 1);
  return day(today) <= day(yearAfter)
    ? {
        status: 'supported',
        until: null,
        note: `LibreSSL ${line.line} (OpenBSD ${line.openbsd}, ${line.released}) is supported until the second OpenBSD release after it, about a year.`,
      }
    : {
        status: 'unknown',
        until: null,
        note: `LibreSSL ${line.line} is supported until the second OpenBSD release after ${line.openbsd}, which the release data (checked ${releases.checkedOn}) does not date yet.`,
      };
}

export function supportStatus(
  product: string,
  version: string,
  platform: string | null,
  today = new Date(),
): SupportStatus {
  if (product === 'LibreSSL') return libresslStatus(version, today);
  if (product !== 'OpenSSL') {
    return {
      status: 'unknown',
      until: null,
      note: `${product} is not OpenSSL; its own project decides its support.`,
    };
  }
  const line = releases.lines.find((entry) => entry.line === releaseLine(product, version));
  if (!line)
    return {
      status: 'unknown',
      until: null,
      note: `${version} is not in the release data (checked ${releases.checkedOn}).`,
    };
  const supported = day(today) <= line.endOfSupport;
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

/** `1.0.2k-fips` → release 1.0.2k and suffix `-fips`; `3.0.13+quic` → 3.0.13 and `+quic`. */
export function splitVersion(text: string): { release: string; suffix: string | null } {
  const match = /^(\d+\.\d+(?:\.\d+)?[a-z]{0,2})(.*)$/.exec(text);
  if (!match) return { release: text, suffix: null };
  return { release: match[1]!, suffix: match[2] ? match[2] : null };
}

export interface ParsedVersionOutput {
  product: string | null;
  version: string | null;
  vendorSuffix: string | null;
  library: { product: string; version: string } | null;
  builtOn: string | null;
  platform: string | null;
  openssldir: string | null;
  modulesdir: string | null;
}

/**
 * Reads `openssl version -a`: product and version (vendor suffixes such as `-fips`, `+quic` or a
 * separate `FIPS` word kept apart), the library it loads when that differs (`(Library: OpenSSL
 * 1.1.1f …)`), build date, platform, OPENSSLDIR and MODULESDIR.
 */
export function parseVersionOutput(text: string): ParsedVersionOutput {
  const first = /^(OpenSSL|LibreSSL|BoringSSL)(?:[ \t]+(\d\S*))?(?:[ \t]+(FIPS)\b)?/m.exec(text);
  const field = (name: string) =>
    new RegExp(`^${name}:\\s*"?([^"\\n]*)"?`, 'm').exec(text)?.[1]?.trim() ?? null;
  const version = first?.[2] ?? null;
  const split = version ? splitVersion(version) : null;
  const suffix = [split?.suffix, first?.[3] ? ` ${first[3]}` : null].filter(Boolean).join('') || null;
  const libraryMatch = /\(Library:\s+(OpenSSL|LibreSSL)\s+(\d\S*)/.exec(text);
  const library =
    libraryMatch && libraryMatch[2] !== version
      ? { product: libraryMatch[1]!, version: libraryMatch[2]! }
      : null;
  return {
    product: first?.[1] ?? null,
    version,
    vendorSuffix: suffix,
    library,
    builtOn: field('built on'),
    platform: field('platform'),
    openssldir: field('OPENSSLDIR'),
    modulesdir: field('MODULESDIR'),
  };
}

const VERSION_LIMIT_MS = 5000;

async function describe(
  path: string,
  pathIndex: number | null,
  signal?: AbortSignal,
): Promise<OpensslExecutable> {
  const real = await realpath(path).catch(() => path);
  const base = { path, realPath: real, pathIndex, wins: false };
  try {
    const result = await runCommand(path, ['version', '-a'], VERSION_LIMIT_MS, process.env, signal);
    if (result.code !== 0)
      throw new Error(
        `${path} exited with status ${result.code}: ${result.stderr.trim().split('\n')[0] ?? ''}`,
      );
    const parsed = parseVersionOutput(result.stdout);
    if (!parsed.product)
      throw new Error(
        `${path} printed no OpenSSL, LibreSSL or BoringSSL version: it may not be openssl at all.`,
      );
    const support =
      parsed.version && parsed.product
        ? supportStatus(parsed.product, splitVersion(parsed.version).release, parsed.platform)
        : null;
    const library = parsed.library
      ? {
          ...parsed.library,
          support: supportStatus(
            parsed.library.product,
            splitVersion(parsed.library.version).release,
            parsed.platform,
          ),
        }
      : null;
    return { ...base, ...parsed, library, support, error: null };
  } catch (error) {
    return {
      ...base,
      version: null,
      product: null,
      vendorSuffix: null,
      library: null,
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
export async function inspectOpenssl(
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<OpensslReport> {
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
  const described = await Promise.all([...seen].map(([path, index]) => describe(path, index, signal)));
  if (signal?.aborted) throw new SuiteError('CANCELLED', 'Cancelled.');
  const executables = described.filter(
    (entry, position) => described.findIndex((other) => other.realPath === entry.realPath) === position,
  );
  const winner = executables
    .filter((entry) => entry.pathIndex !== null)
    .sort((a, b) => a.pathIndex! - b.pathIndex!)[0];
  if (winner) winner.wins = true;
  const flagged = executables.some(
    (entry) =>
      entry.support?.status === 'out-of-support' ||
      entry.library?.support.status === 'out-of-support' ||
      entry.error !== null,
  );
  const rows = executables.map((entry) => [
    entry.path + (entry.wins ? ' (runs)' : ''),
    entry.version
      ? `${entry.product ?? ''} ${entry.version}${entry.library ? ` (loads ${entry.library.product} ${entry.library.version})` : ''}`.trim()
      : entry.error,
    [entry.support, entry.library?.support]
      .filter((support) => support !== undefined && support !== null)
      .map((support) => `${support.status}${support.until ? ` (${support.until})` : ''}`)
      .join('; library: ') || null,
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
