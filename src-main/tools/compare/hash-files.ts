import type { z } from 'zod';
import type { CompareProgress, HashResult, HashedFile, hashInput } from '../../contract/compare.ts';
import type { HandlerContext } from '../../core/handlers.ts';
import { cancelled, fileError } from '../../core/suite-error.ts';
import { stat } from 'node:fs/promises';
import { IN_FLIGHT, hashPool } from './hash-pool.ts';
import { mapLimited } from './map-limited.ts';
import { displayName, fsPath } from './name-bytes.ts';
import { ProgressTracker } from './progress-tracker.ts';
import { walkTree } from './walk-tree.ts';
import { checksumText } from './checksum-text.ts';

/** A path to hash, or one met on a walk that is reported without being read. */
type Item = { path: string } | HashedFile;

/** Paths as given; with `recursive`, a folder becomes its files (sorted bytewise), as `find -type f`. */
async function expand(
  paths: string[],
  recursive: boolean,
  follow: boolean,
  signal: AbortSignal,
): Promise<Item[]> {
  if (!recursive) return paths.map((path) => ({ path }));
  const items: Item[] = [];
  for (const path of paths) {
    const isFolder = await stat(fsPath(path)).then(
      (stats) => stats.isDirectory(),
      () => false,
    );
    if (!isFolder) {
      items.push({ path });
      continue;
    }
    for (const entry of await walkTree(path, { follow, signal })) {
      if (entry.kind === 'file') items.push({ path: entry.path });
      else if (entry.kind === 'error') items.push(failedItem(entry.path, entry.error, false));
      else if (entry.kind === 'other') {
        const error = {
          code: 'UNSUPPORTED' as const,
          message: `${displayName(entry.path)} is ${entry.what}; skipped.`,
        };
        items.push(failedItem(entry.path, error, true));
      }
    }
  }
  return items;
}

function failedItem(path: string, error: HashedFile['error'], skipped: boolean): HashedFile {
  return { path, skipped, size: null, digests: {}, error };
}

/**
 * Hashes many files in the app's worker pool, each read once for all its algorithms, as
 * `sha256sum` does: a file that cannot be read (or changes while read) is reported, the rest go on.
 * Results keep the order of the paths (and of each folder's walk).
 */
export async function hashFiles(
  { paths, algorithms, recursive, follow, format }: z.output<typeof hashInput>,
  { signal, progress }: HandlerContext<CompareProgress>,
): Promise<HashResult> {
  const items = await expand(paths, recursive, follow, signal).catch((error: unknown) => {
    throw fileError(error, 'a folder');
  });
  const tracker = new ProgressTracker(progress);
  let done = 0;
  // Finished files go out in input order: each one as soon as every file before it is done.
  const finished: (HashedFile | undefined)[] = new Array(items.length);
  let delivered = 0;
  const finish = (index: number, file: HashedFile): HashedFile => {
    finished[index] = file;
    const ready: HashedFile[] = [];
    while (delivered < items.length && finished[delivered]) ready.push(finished[delivered++]!);
    tracker.deliver(ready);
    tracker.files(++done, items.length);
    return file;
  };
  const files = await mapLimited(items, IN_FLIGHT, async (item, index): Promise<HashedFile> => {
    if ('digests' in item) return finish(index, item);
    const { path } = item;
    // Numbered: the same path given twice is two tasks (the page keys progress rows by label).
    const task = tracker.task(`${index + 1}: ${displayName(path)}`, displayName(path));
    const message = await hashPool.run({ kind: 'hash', path, algorithms }, task, signal);
    task.remove();
    if (message.type === 'hashed') {
      return finish(index, {
        path,
        skipped: false,
        size: message.size,
        digests: message.digests,
        error: null,
      });
    }
    if (message.type === 'error') return finish(index, failedItem(path, message.error, false));
    return finish(index, failedItem(path, { code: 'CANCELLED', message: 'Cancelled.' }, false));
  }).finally(() => tracker.close());
  if (signal.aborted) throw cancelled();
  const failed = files.filter((file) => file.error && !file.skipped).length;
  return { files, failed, text: checksumText(files, algorithms, format) };
}
