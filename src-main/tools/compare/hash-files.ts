import type { z } from 'zod';
import type { CompareProgress, HashResult, HashedFile, hashInput } from '../../contract/compare.ts';
import type { HandlerContext } from '../../core/handlers.ts';
import { cancelled } from '../../core/suite-error.ts';
import { hashPool } from './hash-pool.ts';
import { displayName } from './name-bytes.ts';
import { ProgressTracker } from './progress-tracker.ts';

/**
 * Hashes many files in the app's worker pool, each read once for all its algorithms, as
 * `sha256sum` does: a file that cannot be read (or changes while read) is reported, the rest go on.
 */
export async function hashFiles(
  { paths, algorithms }: z.output<typeof hashInput>,
  { signal, progress }: HandlerContext<CompareProgress>,
): Promise<HashResult> {
  const tracker = new ProgressTracker(progress);
  let done = 0;
  const files = await Promise.all(
    paths.map(async (path, index): Promise<HashedFile> => {
      // Numbered: the same path given twice is two tasks (the page keys progress rows by label).
      const task = tracker.task(`${index + 1}: ${displayName(path)}`, displayName(path));
      const message = await hashPool.run({ kind: 'hash', path, algorithms }, task, signal);
      task.remove();
      tracker.files(++done, paths.length);
      if (message.type === 'hashed')
        return { path, size: message.size, digests: message.digests, error: null };
      if (message.type === 'error') return { path, size: null, digests: {}, error: message.error };
      return { path, size: null, digests: {}, error: { code: 'CANCELLED', message: 'Cancelled.' } };
    }),
  ).finally(() => tracker.close());
  if (signal.aborted) throw cancelled();
  return { files, failed: files.filter((file) => file.error).length };
}
