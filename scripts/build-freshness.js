// Whether the build in out/ is current. Plain JavaScript, shared by the build (scripts/build.ts) and
// the CLI launcher (scripts/devutil.js), which runs on any Node.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the main bundle (the app's main process and the CLI) is built from, relative to the repository. */
export const MAIN_SOURCES = ['src-main', 'electron.config.ts', 'package.json', 'package-lock.json'];

/** Written last by a successful build: a launcher that finds it newer than the sources may use out/. */
export const BUILT_STAMP = 'out/built';

/**
 * The newest modification time under the given paths (files or whole folders), in milliseconds;
 * 0 when none exists.
 * @param {string[]} paths
 * @returns {number}
 */
function newestChange(paths) {
  let latest = 0;
  for (const path of paths) {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) continue;
    if (info.isDirectory()) {
      latest = Math.max(latest, newestChange(readdirSync(path).map((name) => join(path, name))));
    } else latest = Math.max(latest, info.mtimeMs);
  }
  return latest;
}

/**
 * Whether the last whole build in `root` is newer than every one of `sources` (relative paths).
 * @param {string} root
 * @param {string[]} sources
 * @returns {boolean}
 */
export function buildIsCurrent(root, sources) {
  const built = statSync(join(root, BUILT_STAMP), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return built > newestChange(sources.map((path) => join(root, path)));
}
