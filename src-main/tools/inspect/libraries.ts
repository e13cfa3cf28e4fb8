import { existsSync } from 'node:fs';
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Library, LibrariesReport } from '../../contract/inspect.ts';
import { markdownTable } from './markdown.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { describeBinary, matchesHost, readBinary } from './linkage/binary-format.ts';
import { embeddedVersion } from './linkage/library-version.ts';
import { runCommand } from './run-command.ts';

const SYSTEM_DIRS = [
  '/lib',
  '/lib64',
  '/usr/lib',
  '/usr/lib64',
  '/usr/local/lib',
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/opt/homebrew/lib',
  '/opt/local/lib',
  '/usr/local/opt/openssl/lib',
  '/opt/homebrew/opt/openssl/lib',
  'C:\\Windows\\System32',
];

/** libssl.so.3, libcrypto.so.1.1, libcrypto.1.0.0.dylib, libssl.dylib, libcrypto-3-x64.dll, libeay32.dll … */
const LIBRARY =
  /^(?:lib)?(ssl|crypto|eay32|ssleay32)(?:[-.](\d+(?:[._]\d+)*[a-z]?))?(?:-x64|-arm64)?\.(?:so(?:\.(\d+(?:\.\d+)*[a-z]?))?|dylib|dll)$/;

export function libraryVersion(name: string): { kind: Library['kind']; version: string | null } | null {
  const match = LIBRARY.exec(name);
  if (!match) return null;
  const [, base, infix, soVersion] = match;
  const kind = base === 'ssl' || base === 'ssleay32' ? 'libssl' : 'libcrypto';
  return { kind, version: (soVersion ?? infix ?? null)?.replace(/_/g, '.') ?? null };
}

type Check = Pick<Library, 'state' | 'format' | 'fileVersion' | 'detail'>;

/** What the file behind a library's name really is, as the loader would find it. */
async function check(path: string, isLink: boolean): Promise<Check & { resolved: string | null }> {
  const none = { format: null, fileVersion: null };
  const resolved = await realpath(path).catch((error: NodeJS.ErrnoException) => error);
  if (resolved instanceof Error) {
    if (resolved.code === 'ELOOP')
      return {
        ...none,
        resolved: null,
        state: 'loop',
        detail: 'its symbolic links lead in a loop and never reach a file',
      };
    if (isLink && resolved.code === 'ENOENT')
      return {
        ...none,
        resolved: null,
        state: 'dangling',
        detail: 'DANGLING: the link points to a file that does not exist',
      };
    return {
      ...none,
      resolved: null,
      state: 'unreadable',
      detail: `cannot be followed (${resolved.code ?? 'error'})`,
    };
  }
  const info = await stat(resolved).catch(() => null);
  if (info?.isDirectory()) return { ...none, resolved, state: 'folder', detail: 'a folder, not a library' };
  // Windows DLLs are PE files; their headers are not read here.
  if (process.platform === 'win32') return { ...none, resolved, state: 'ok', detail: 'ok' };
  let binary;
  try {
    binary = await readBinary(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ...none,
      resolved,
      state: code ? 'unreadable' : 'not-a-library',
      detail: code ? `cannot be read (${code})` : `broken binary headers: ${(error as Error).message}`,
    };
  }
  if (!binary)
    return {
      ...none,
      resolved,
      state: 'not-a-library',
      detail: 'not a shared library: no ELF or Mach-O header (a text file, an archive?)',
    };
  const format = describeBinary(binary);
  const isLibrary =
    binary.format === 'elf' ? binary.type === 3 && !binary.interpreter : binary.fileType === 6;
  if (!isLibrary)
    return {
      format,
      fileVersion: null,
      resolved,
      state: 'not-a-library',
      detail: `a ${format}, not a shared library`,
    };
  if (!matchesHost(binary))
    return {
      format,
      fileVersion: null,
      resolved,
      state: 'wrong-arch',
      detail: `built for another architecture (${format}); this machine cannot load it`,
    };
  return { format, fileVersion: await embeddedVersion(resolved), resolved, state: 'ok', detail: 'ok' };
}

async function describe(path: string, foundVia: string): Promise<Library | null> {
  const parsed = libraryVersion(path.split(/[\\/]/).at(-1)!);
  if (!parsed) return null;
  const info = await lstat(path).catch(() => null);
  if (!info) return null;
  const linkTarget = info.isSymbolicLink() ? await readlink(path) : null;
  const checked = await check(path, linkTarget !== null);
  return {
    path,
    ...parsed,
    linkTarget: linkTarget === null ? null : resolve(dirname(path), linkTarget),
    dangling: checked.state === 'dangling',
    foundVia,
    ...checked,
    resolved: checked.resolved,
  };
}

async function scan(dir: string, foundVia: string): Promise<Library[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found = await Promise.all(
    names.filter((name) => LIBRARY.test(name)).map((name) => describe(join(dir, name), foundVia)),
  );
  return found.filter((entry): entry is Library => entry !== null);
}

/** ldconfig's cache: `libssl.so.3 (libc6,x86-64) => /lib/x86_64-linux-gnu/libssl.so.3`. */
async function ldconfigCache(signal?: AbortSignal): Promise<LibrariesReport['ldconfig']> {
  if (process.platform !== 'linux') return null;
  const binary = ['/sbin/ldconfig', '/usr/sbin/ldconfig'].find(existsSync);
  if (!binary) return null;
  const result = await runCommand(binary, ['-p'], 5000, process.env, signal).catch(() => null);
  if (!result || result.code !== 0) return null;
  return result.stdout
    .split('\n')
    .map((line) => /^\s*((?:libssl|libcrypto)\S*)\s+\(([^)]*)\)\s+=>\s+(\S+)/.exec(line))
    .filter((match) => match !== null)
    .map(([, name, detail, path]) => ({ name: name!, detail: detail!, path: path! }));
}

/** libssl and libcrypto in the system's folders and those the environment adds, links followed and checked. */
export async function inspectLibraries(
  env: NodeJS.ProcessEnv = process.env,
  systemDirs = SYSTEM_DIRS,
  dirs?: string[],
  signal?: AbortSignal,
): Promise<LibrariesReport> {
  const sources: [string, string[]][] = dirs
    ? [['--dir', dirs]]
    : [
        ['system folder', systemDirs],
        ['LD_LIBRARY_PATH', (env.LD_LIBRARY_PATH ?? '').split(':')],
        ['DYLD_LIBRARY_PATH', (env.DYLD_LIBRARY_PATH ?? '').split(':')],
        ['DYLD_FALLBACK_LIBRARY_PATH', (env.DYLD_FALLBACK_LIBRARY_PATH ?? '').split(':')],
        ...(process.platform === 'win32'
          ? ([['PATH', (env.PATH ?? '').split(delimiter)]] as [string, string[]][])
          : []),
      ];
  const seen = new Set<string>();
  const libraries: Library[] = [];
  for (const [via, dirs] of sources) {
    for (const dir of dirs.filter(Boolean)) {
      const key = await realpath(dir).catch(() => dir);
      if (seen.has(key)) continue;
      seen.add(key);
      if (signal?.aborted) throw new SuiteError('CANCELLED', 'Cancelled.');
      if (via === '--dir' && !(await stat(dir).catch(() => null))?.isDirectory())
        throw new SuiteError('NOT_FOUND', `${dir} is not a folder.`);
      libraries.push(...(await scan(dir, via === 'system folder' ? via : `${via} (${dir})`)));
    }
  }
  const ldconfig = dirs ? null : await ldconfigCache(signal);
  const flagged = libraries.some((library) => library.state !== 'ok');
  const rows = libraries.map((library) => [
    library.path,
    library.kind,
    library.version,
    library.linkTarget ? `→ ${library.linkTarget}` : null,
    library.detail,
    library.format,
    library.fileVersion,
    library.foundVia,
  ]);
  return {
    libraries,
    ldconfig,
    flagged,
    markdown: `## libssl and libcrypto\n\n${markdownTable(['File', 'Library', 'Version', 'Link', 'State', 'Format', 'Release in the file', 'Found via'], rows)}\n`,
  };
}
