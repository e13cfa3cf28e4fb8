import { lstatSync, opendirSync, statSync } from 'node:fs';
import type { Dir, Stats } from 'node:fs';
import { fileError } from '../../core/suite-error.ts';
import type { ErrorInfo } from '../../contract/errors.ts';
import { decodeName, displayName, encodeName, fsPath } from './name-bytes.ts';
import { takeTurns } from './event-loop-turn.ts';

/** What a walk found at one path. */
export type TreeEntry =
  | { kind: 'file'; path: string; relative: string; size: number }
  | { kind: 'folder'; path: string; relative: string; empty: boolean }
  | { kind: 'symlink'; path: string; relative: string }
  | { kind: 'other'; path: string; relative: string; what: string }
  | { kind: 'error'; path: string; relative: string; error: ErrorInfo };

export interface WalkOptions {
  /** Follow symbolic links (to files and folders); a link that loops is reported, not followed. */
  follow: boolean;
  signal: AbortSignal;
}

function joinName(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

function whatIs(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Surrogates (astral letters, escaped non-UTF-8 bytes) and U+E000–U+FFFF sort differently as bytes. */
const beyondD800 = /[\uD800-\uFFFF]/;

/**
 * Sorts by the bytes of a name, as `LC_ALL=C sort` orders them (the same on every machine and
 * locale); each name is encoded once.
 */
export function sortBytewise<T>(items: T[], nameOf: (item: T) => string): T[] {
  // Below U+D800, UTF-16 code units sort as UTF-8 bytes do: most trees need no encoding at all.
  if (!items.some((item) => beyondD800.test(nameOf(item)))) {
    return items.slice().sort((a, b) => {
      const [nameA, nameB] = [nameOf(a), nameOf(b)];
      return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
    });
  }
  return items
    .map((item) => ({ item, key: encodeName(nameOf(item)) }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ item }) => item);
}

/**
 * Walks a folder: every regular file, folder, link and other entry with its path relative to the
 * root, sorted bytewise by that relative path. Unreadable folders and links that loop become
 * entries of their own; the walk goes on. Names that are not UTF-8 are kept (name-bytes.ts).
 */
export async function walkTree(root: string, options: WalkOptions): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  const rootStats = statSync(fsPath(root));
  // Synchronous calls (a few microseconds each, no trip through libuv's thread pool per entry),
  // giving the event loop a turn every few milliseconds.
  const visit = async (path: string, relative: string, ancestors: string[]): Promise<void> => {
    await takeTurns();
    if (options.signal.aborted) return;
    let dir: Dir;
    try {
      dir = opendirSync(fsPath(path), { encoding: 'buffer' as BufferEncoding, bufferSize: 256 });
    } catch (error) {
      entries.push({ kind: 'error', path, relative, error: fileError(error, displayName(path)).toInfo() });
      return;
    }
    let count = 0;
    const children: { path: string; relative: string }[] = [];
    try {
      for (let child = dir.readSync(); child !== null; child = dir.readSync()) {
        count++;
        const name = decodeName(child.name as unknown as Buffer);
        children.push({ path: `${path.replace(/\/$/, '')}/${name}`, relative: joinName(relative, name) });
      }
    } catch (error) {
      entries.push({ kind: 'error', path, relative, error: fileError(error, displayName(path)).toInfo() });
    } finally {
      dir.closeSync();
    }
    if (relative !== '') entries.push({ kind: 'folder', path, relative, empty: count === 0 });
    for (const child of children) await visitEntry(child.path, child.relative, ancestors);
  };
  const visitEntry = async (path: string, relative: string, ancestors: string[]): Promise<void> => {
    let stats: Stats;
    try {
      stats = lstatSync(fsPath(path));
      if (stats.isSymbolicLink()) {
        if (!options.follow) {
          entries.push({ kind: 'symlink', path, relative });
          return;
        }
        stats = statSync(fsPath(path));
      }
    } catch (error) {
      entries.push({ kind: 'error', path, relative, error: fileError(error, displayName(path)).toInfo() });
      return;
    }
    if (stats.isFile()) entries.push({ kind: 'file', path, relative, size: stats.size });
    else if (stats.isDirectory()) {
      const id = `${stats.dev}:${stats.ino}`;
      if (ancestors.includes(id)) {
        const error = {
          code: 'FAILED' as const,
          message: `${displayName(path)} is a link back into its own folder; not followed.`,
        };
        entries.push({ kind: 'error', path, relative, error });
        return;
      }
      await visit(path, relative, [...ancestors, id]);
    } else entries.push({ kind: 'other', path, relative, what: whatIs(stats) });
  };
  await visit(root, '', [`${rootStats.dev}:${rootStats.ino}`]);
  return sortBytewise(entries, (entry) => entry.relative);
}
