// Whether the build in out/ is current. Plain JavaScript, shared by the build (scripts/build.ts) and
// the CLI launcher (scripts/devutil.js), which runs on any Node.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the main bundle (the app's main process and the CLI) is built from, relative to the repository. */
export const MAIN_SOURCES = ['src-main', 'electron.config.ts', 'package.json', 'package-lock.json'];

/** Written last by a successful build: a launcher that finds it newer than the sources may use out/. */
export const BUILT_STAMP = 'out/built';

/**
 * Whether `path` (a file, or a folder and everything in it) changed at or after `time`, in
 * milliseconds. A folder's own time counts too: it changes when a file in it is added or deleted.
 * @param {string} path
 * @param {number} time
 * @returns {boolean}
 */
function changedSince(path, time) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return false;
  if (info.mtimeMs >= time) return true;
  return info.isDirectory() && readdirSync(path).some((name) => changedSince(join(path, name), time));
}

/**
 * Whether the last whole build in `root` is newer than every one of `sources` (relative paths).
 * @param {string} root
 * @param {string[]} sources
 * @returns {boolean}
 */
export function buildIsCurrent(root, sources) {
  const built = statSync(join(root, BUILT_STAMP), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return !sources.some((path) => changedSince(join(root, path), built));
}
