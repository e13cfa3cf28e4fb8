import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { LinkedLibrary } from '../../../contract/inspect.ts';
import type { ElfInfo } from './binary-format.ts';
import { embeddedVersion } from './library-version.ts';
import type { LoaderSubdirs } from './loader-subdirs.ts';
import { isTlsLibrary, tryCandidate, versionFromName } from './search.ts';

export interface ElfContext {
  ldLibraryPath: string[];
  cache: Map<string, string>;
  defaultDirs: string[];
  subdirs: LoaderSubdirs;
}

const TRIPLETS: Record<string, string> = {
  x64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  ia32: 'i386-linux-gnu',
  arm: 'arm-linux-gnueabihf',
  riscv64: 'riscv64-linux-gnu',
};

/** ld.so's trusted folders: the multiarch ones (Debian), lib64 (Fedora, SUSE), then /lib and /usr/lib. */
export function defaultLibraryDirs(arch: string = process.arch): string[] {
  const triplet = TRIPLETS[arch];
  const dirs = [
    ...(triplet ? [`/lib/${triplet}`, `/usr/lib/${triplet}`] : []),
    ...(arch === 'x64' || arch === 'arm64' || arch === 'ppc64' || arch === 's390x'
      ? ['/lib64', '/usr/lib64']
      : []),
    '/lib',
    '/usr/lib',
  ];
  return dirs.filter((dir) => existsSync(dir));
}

/** $ORIGIN, ${ORIGIN}, $LIB and $PLATFORM in an RPATH or RUNPATH entry. */
function expand(
  entry: string,
  origin: string,
  platformName: string | null,
  arch: string = process.arch,
): string {
  const lib = TRIPLETS[arch] && existsSync(`/lib/${TRIPLETS[arch]}`) ? `lib/${TRIPLETS[arch]}` : 'lib64';
  const platform = platformName ?? (arch === 'x64' ? 'x86_64' : arch === 'arm64' ? 'aarch64' : arch);
  const expanded = entry
    .replace(/\$\{ORIGIN\}|\$ORIGIN(?![A-Za-z0-9_])/g, origin)
    .replace(/\$\{LIB\}|\$LIB(?![A-Za-z0-9_])/g, lib)
    .replace(/\$\{PLATFORM\}|\$PLATFORM(?![A-Za-z0-9_])/g, platform);
  return resolve(expanded);
}

interface Loaded {
  path: string;
  info: ElfInfo;
  origin: string;
  /** The objects that loaded this one, nearest first: their RPATHs apply when it has no RUNPATH. */
  loaders: Loaded[];
  chain: string[];
}

const MAX_OBJECTS = 2000;

/** Which subfolders exist, asked once per folder: most search folders have none. */
const existing = new Map<string, boolean>();
const exists = (path: string) => {
  let known = existing.get(path);
  if (known === undefined) existing.set(path, (known = existsSync(path)));
  return known;
};

/**
 * The legacy capability subfolders in glibc's order (2.36, checked against ld.so): tls first, then
 * the others as ld.so lists them; every combination, each deeper one before its own prefix
 * (tls/haswell, tls/x86_64, tls, haswell/x86_64, haswell, x86_64).
 */
function legacyCombinations(names: string[]): string[] {
  const ordered = [...names.filter((name) => name === 'tls'), ...names.filter((name) => name !== 'tls')];
  const out: string[] = [];
  const walk = (prefix: string, start: number) => {
    for (let i = start; i < ordered.length; i++) {
      const path = prefix ? `${prefix}/${ordered[i]}` : ordered[i]!;
      walk(path, i + 1);
      out.push(path);
    }
  };
  walk('', 0);
  return out;
}

/**
 * The folders ld.so tries for one search-path folder: its glibc-hwcaps subfolders in priority
 * order, then the legacy capability subfolders this glibc searches, then the folder itself.
 */
function withSubdirs(dir: string, subdirs: LoaderSubdirs): string[] {
  const hwcaps = exists(join(dir, 'glibc-hwcaps'))
    ? subdirs.hwcaps.map((name) => join(dir, 'glibc-hwcaps', name)).filter(exists)
    : [];
  // Only folders that hold a first-level capability folder can hold deeper ones.
  const legacy = subdirs.legacy.some((name) => exists(join(dir, name)))
    ? legacyCombinations(subdirs.legacy)
        .map((path) => join(dir, path))
        .filter(exists)
    : [];
  return [...hwcaps, ...legacy, dir];
}

/**
 * Every library an ELF object needs, found as glibc's ld.so finds it, breadth first: a name with
 * a slash as a path; else the RPATHs of the object and its loaders (when it has no RUNPATH),
 * LD_LIBRARY_PATH, its RUNPATH, /etc/ld.so.cache, the default folders. Files that do not open
 * (dangling links) or are of another architecture are passed over, as ld.so does.
 */
export async function resolveElf(
  path: string,
  info: ElfInfo,
  origin: string,
  context: ElfContext,
): Promise<LinkedLibrary[]> {
  const results: LinkedLibrary[] = [];
  const seen = new Set<string>();
  const root: Loaded = { path, info, origin, loaders: [], chain: [] };
  if (info.soname) seen.add(info.soname);
  const queue: Loaded[] = [root];
  while (queue.length > 0 && results.length < MAX_OBJECTS) {
    const object = queue.shift()!;
    for (const name of object.info.needed) {
      if (seen.has(name)) continue;
      seen.add(name);
      const candidates: { path: string; via: string }[] = [];
      // The program's own loader (PT_INTERP) is already in memory under its name; libc asks for it.
      if (info.interpreter && name === basename(info.interpreter))
        candidates.push({ path: info.interpreter, via: 'the program interpreter (PT_INTERP)' });
      if (name.includes('/')) candidates.push({ path: resolve(name), via: 'path in the binary' });
      else {
        if (object.info.runpath.length === 0) {
          for (const owner of [object, ...object.loaders]) {
            if (owner.info.runpath.length > 0) continue;
            for (const entry of owner.info.rpath)
              for (const dir of withSubdirs(
                expand(entry, owner.origin, context.subdirs.platform),
                context.subdirs,
              ))
                candidates.push({ path: join(dir, name), via: `RPATH of ${owner.path}` });
          }
        }
        for (const entry of context.ldLibraryPath)
          for (const dir of withSubdirs(
            expand(entry, root.origin, context.subdirs.platform),
            context.subdirs,
          ))
            candidates.push({ path: join(dir, name), via: 'LD_LIBRARY_PATH' });
        for (const entry of object.info.runpath)
          for (const dir of withSubdirs(
            expand(entry, object.origin, context.subdirs.platform),
            context.subdirs,
          ))
            candidates.push({ path: join(dir, name), via: `RUNPATH of ${object.path}` });
        if (!object.info.noDefaultLib) {
          const cached = context.cache.get(name);
          if (cached) candidates.push({ path: cached, via: 'ld.so.cache' });
          for (const dir of context.defaultDirs.flatMap((one) => withSubdirs(one, context.subdirs)))
            candidates.push({ path: join(dir, name), via: 'default folder' });
        }
      }
      const rejected: LinkedLibrary['rejected'] = [];
      let found: { path: string; via: string; info: ElfInfo } | null = null;
      const tried = new Set<string>();
      for (const candidate of candidates) {
        if (tried.has(candidate.path)) continue;
        tried.add(candidate.path);
        const verdict = await tryCandidate(candidate.path);
        if (verdict.ok && verdict.info.format === 'elf') {
          found = { ...candidate, info: verdict.info };
          break;
        }
        if (!verdict.ok && verdict.exists && rejected.length < 20)
          rejected.push({ path: candidate.path, reason: verdict.reason });
      }
      const tls = isTlsLibrary(name);
      const version =
        found && tls ? ((await embeddedVersion(found.path)) ?? versionFromName(name)) : versionFromName(name);
      results.push({
        name,
        neededBy: object.path,
        state: found ? 'found' : 'missing',
        resolvedPath: found?.path ?? null,
        via: found?.via ?? null,
        version,
        rejected,
        tls,
        chain: object.chain,
      });
      if (found) {
        if (found.info.soname) seen.add(found.info.soname);
        queue.push({
          path: found.path,
          info: found.info,
          origin: dirname(isAbsolute(found.path) ? found.path : resolve(found.path)),
          loaders: [object, ...object.loaders],
          chain: [...object.chain, name],
        });
      }
    }
  }
  return results;
}
