import { dirname, join, resolve } from 'node:path';
import type { LinkedLibrary } from '../../../contract/inspect.ts';
import type { MachoInfo } from './binary-format.ts';
import { embeddedVersion } from './library-version.ts';
import { isTlsLibrary, tryCandidate, versionFromName } from './search.ts';

export interface MachoContext {
  /** The main executable's folder, for @executable_path (the subject's own when it is a program). */
  executableDir: string;
  fallbackPath: string[];
}

/** Since macOS 11 the system's libraries live in the dyld shared cache, not on disk. */
const SHARED_CACHE = /^(\/usr\/lib\/(lib[^/]*|system\/.*)\.dylib|\/System\/Library\/.*)$/;

interface Loaded {
  path: string;
  info: MachoInfo;
  /** Its rpaths, then those of the images that loaded it up to the program, expanded. */
  rpaths: { dir: string; owner: string }[];
  chain: string[];
}

const MAX_OBJECTS = 2000;

/**
 * Every dylib a Mach-O image needs, found as dyld finds it: @executable_path, @loader_path, @rpath
 * against the rpaths of the image and of every image that loaded it, absolute install names as
 * they are, then DYLD_FALLBACK_LIBRARY_PATH by leaf name. System libraries in the shared cache
 * count as present.
 */
export async function resolveMacho(
  path: string,
  info: MachoInfo,
  context: MachoContext,
): Promise<LinkedLibrary[]> {
  const results: LinkedLibrary[] = [];
  const seen = new Set<string>();
  const expandFor = (entry: string, loaderPath: string) =>
    entry
      .replace(/^@executable_path(?=\/|$)/, context.executableDir)
      .replace(/^@loader_path(?=\/|$)/, dirname(loaderPath));
  const rootRpaths = info.rpath.map((entry) => ({ dir: expandFor(entry, path), owner: path }));
  const queue: Loaded[] = [{ path, info, rpaths: rootRpaths, chain: [] }];
  while (queue.length > 0 && results.length < MAX_OBJECTS) {
    const image = queue.shift()!;
    for (const { name, weak } of image.info.needed) {
      if (seen.has(name)) continue;
      seen.add(name);
      const candidates: { path: string; via: string }[] = [];
      if (name.startsWith('@rpath/')) {
        for (const rpath of image.rpaths)
          candidates.push({
            path: resolve(rpath.dir, name.slice('@rpath/'.length)),
            via: `@rpath (LC_RPATH ${rpath.dir} of ${rpath.owner})`,
          });
      } else if (name.startsWith('@executable_path/') || name.startsWith('@loader_path/')) {
        candidates.push({ path: resolve(expandFor(name, image.path)), via: name.split('/')[0]! });
      } else candidates.push({ path: name, via: 'install name' });
      const leaf = name.split('/').at(-1)!;
      for (const dir of context.fallbackPath)
        candidates.push({ path: join(dir, leaf), via: 'DYLD_FALLBACK_LIBRARY_PATH' });
      const rejected: LinkedLibrary['rejected'] = [];
      let found: { path: string; via: string; info: MachoInfo } | null = null;
      for (const candidate of candidates) {
        const verdict = await tryCandidate(candidate.path);
        if (verdict.ok && verdict.info.format === 'macho') {
          found = { ...candidate, info: verdict.info };
          break;
        }
        if (!verdict.ok && verdict.exists && rejected.length < 20)
          rejected.push({ path: candidate.path, reason: verdict.reason });
      }
      const inSharedCache = !found && SHARED_CACHE.test(name);
      const tls = isTlsLibrary(name);
      results.push({
        name,
        neededBy: image.path,
        state: found ? 'found' : inSharedCache ? 'shared-cache' : weak ? 'found' : 'missing',
        resolvedPath: found?.path ?? null,
        via: found?.via ?? (inSharedCache ? 'dyld shared cache' : weak ? 'weak link: may be absent' : null),
        version:
          found && tls
            ? ((await embeddedVersion(found.path)) ?? versionFromName(name))
            : versionFromName(name),
        rejected,
        tls,
        chain: image.chain,
      });
      if (found)
        queue.push({
          path: found.path,
          info: found.info,
          rpaths: [
            ...found.info.rpath.map((entry) => ({ dir: expandFor(entry, found.path), owner: found.path })),
            ...image.rpaths,
          ],
          chain: [...image.chain, name],
        });
    }
  }
  return results;
}
