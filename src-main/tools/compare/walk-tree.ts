import { lstatSync, readdirSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { fileError } from '../../core/suite-error.ts';
import type { ErrorInfo } from '../../contract/errors.ts';
import { decodeName, displayName, encodeName, fsPath } from './name-bytes.ts';
import { takeTurns } from './event-loop-turn.ts';

/** What a walk found at one path. */
export type TreeEntry =
  | { kind: 'file'; path: string; relative: string }
  | { kind: 'folder'; path: string; relative: string; empty: boolean }
  | { kind: 'symlink'; path: string; relative: string }
  | { kind: 'other'; path: string; relative: string; what: string }
  /** `folder`: a folder that could not be listed (what it is is known, what it holds is not). */
  | { kind: 'error'; path: string; relative: string; error: ErrorInfo; folder: boolean };

export interface WalkOptions {
  /** Follow symbolic links (to files and folders); a link that loops is reported, not followed. */
  follow: boolean;
  signal: AbortSignal;
  /** Told of each regular file as it is found, so work on it can start before the walk ends. */
  onFile?: (file: Extract<TreeEntry, { kind: 'file' }>) => void;
}

function joinName(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

/** What a FIFO, socket or device is, in words ("a FIFO"). */
export function whatIs(stats: Stats | Dirent<string | Buffer>): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** Surrogates (astral letters, escaped non-UTF-8 bytes) and U+E000–U+FFFF sort differently as bytes. */
const beyondD800 = /[\uD800-\uFFFF]/;

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts by the bytes of a name, as `LC_ALL=C sort` orders them (the same on every machine and
 * locale); each name is encoded once.
 */
export function sortBytewise<T>(items: T[], nameOf: (item: T) => string): T[] {
  // Below U+D800, UTF-16 code units sort as UTF-8 bytes do: most trees need no encoding at all.
  if (!items.some((item) => beyondD800.test(nameOf(item)))) {
    return items.slice().sort((a, b) => compareUnits(nameOf(a), nameOf(b)));
  }
  return items
    .map((item) => ({ item, key: encodeName(nameOf(item)) }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ item }) => item);
}

/**
 * What a folder holds, with one call, each name with its type (from the folder itself: no stat per
 * entry). Node turns bytes that are not UTF-8 into U+FFFD; only then is the folder listed again as
 * bytes, each name kept exactly (decodeName).
 */
function listFolder(path: string): { name: string; type: Dirent<string | Buffer> }[] {
  const entries = readdirSync(fsPath(path), { withFileTypes: true });
  if (!entries.some((entry) => entry.name.includes('\uFFFD'))) {
    return entries.map((entry) => ({ name: entry.name, type: entry }));
  }
  return readdirSync(fsPath(path), { withFileTypes: true, encoding: 'buffer' }).map((entry) => ({
    name: decodeName(entry.name),
    type: entry,
  }));
}

/**
 * Walks a folder: every regular file, folder, link and other entry with its path relative to the
 * root, sorted bytewise by that relative path. Unreadable folders and links that loop become
 * entries of their own; the walk goes on. Names that are not UTF-8 are kept (name-bytes.ts).
 */
export async function walkTree(root: string, options: WalkOptions): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  const failed = (path: string, relative: string, error: unknown, folder = false): void => {
    const info = fileError(error, displayName(path)).toInfo();
    entries.push({ kind: 'error', path, relative, error: info, folder });
  };
  const addFile = (path: string, relative: string): void => {
    const file = { kind: 'file' as const, path, relative };
    entries.push(file);
    options.onFile?.(file);
  };
  /** Records one entry; a folder to descend into is returned with its identity, not visited. */
  const visitEntry = (
    path: string,
    relative: string,
    type: Dirent<string | Buffer>,
    ancestors: string[],
  ): { id: string } | null => {
    // Regular files need no stat of their own: the folder listing says what they are, and whoever
    // reads one next opens it and checks it then. (`diff -rq` stats each once, as the reader does.)
    if (type.isFile()) {
      addFile(path, relative);
      return null;
    }
    if (type.isSymbolicLink() && !options.follow) {
      entries.push({ kind: 'symlink', path, relative });
      return null;
    }
    if (!type.isSymbolicLink() && !type.isDirectory()) {
      entries.push({ kind: 'other', path, relative, what: whatIs(type) });
      return null;
    }
    let stats: Stats;
    try {
      stats = type.isSymbolicLink() ? statSync(fsPath(path)) : lstatSync(fsPath(path));
    } catch (error) {
      failed(path, relative, error);
      return null;
    }
    if (stats.isFile()) addFile(path, relative);
    else if (!stats.isDirectory()) entries.push({ kind: 'other', path, relative, what: whatIs(stats) });
    else {
      const id = `${stats.dev}:${stats.ino}`;
      if (!ancestors.includes(id)) return { id };
      const message = `${displayName(path)} is a link back into its own folder; not followed.`;
      entries.push({ kind: 'error', path, relative, error: { code: 'FAILED', message }, folder: true });
    }
    return null;
  };
  // Synchronous calls (a few microseconds each, no trip through libuv's thread pool per entry),
  // giving the event loop a turn every few milliseconds.
  const visit = async (path: string, relative: string, ancestors: string[]): Promise<void> => {
    await takeTurns();
    if (options.signal.aborted) return;
    let listed: ReturnType<typeof listFolder>;
    try {
      listed = listFolder(path);
    } catch (error) {
      failed(path, relative, error, true);
      return;
    }
    if (relative !== '') entries.push({ kind: 'folder', path, relative, empty: listed.length === 0 });
    const parent = path.replace(/\/$/, '');
    // In name order, so that the walk's order is nearly the final one, which then sorts in linear time.
    listed.sort((a, b) => compareUnits(a.name, b.name));
    for (const { name, type } of listed) {
      const [childPath, childRelative] = [`${parent}/${name}`, joinName(relative, name)];
      const folder = visitEntry(childPath, childRelative, type, ancestors);
      if (folder) await visit(childPath, childRelative, [...ancestors, folder.id]);
    }
  };
  const rootStats = statSync(fsPath(root));
  await visit(root, '', [`${rootStats.dev}:${rootStats.ino}`]);
  return sortBytewise(entries, (entry) => entry.relative);
}
