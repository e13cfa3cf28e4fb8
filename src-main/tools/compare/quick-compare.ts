import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { INLINE_LIMIT } from './inline-job.ts';
import { fsPath } from './name-bytes.ts';
import type { PairOutcome } from './worker-protocol.ts';

let buffers: [Buffer, Buffer] | undefined;

/** The size of a regular file; null for anything else or any error. */
function regularSize(path: string): number | null {
  try {
    const stats = statSync(fsPath(path), { throwIfNoEntry: false });
    return stats?.isFile() ? stats.size : null;
  } catch {
    return null;
  }
}

/** Reads the whole file with one call; false unless it holds exactly `size` bytes. */
function readWhole(path: string, size: number, buffer: Buffer): boolean {
  let fd: number | undefined;
  try {
    // Non-blocking: a FIFO put in the file's place since it was looked at cannot hang the thread.
    fd = openSync(fsPath(path), constants.O_RDONLY | constants.O_NONBLOCK);
    // One byte more than the size: a short read of a regular file is its end, so a file that grew
    // meanwhile shows as more bytes than expected.
    return readSync(fd, buffer, 0, size + 1, 0) === size;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The common cases of a folder compare, as `diff -rq` settles them: two regular files of different
 * sizes differ (told from their sizes, not read, readable or not), and two small ones are read with
 * one call each into reused buffers and found equal byte for byte. Null means "not settled here": a
 * difference in content, an error or anything unusual is compared the general way
 * (compareSideBySide), which gives the verdict in its own words.
 */
export function quickCompare(pathA: string, pathB: string): PairOutcome {
  const [sizeA, sizeB] = [regularSize(pathA), regularSize(pathB)];
  if (sizeA === null || sizeB === null) return null;
  if (sizeA !== sizeB) return { sizeA, sizeB };
  if (sizeA > INLINE_LIMIT) return null;
  buffers ??= [Buffer.allocUnsafe(INLINE_LIMIT + 1), Buffer.allocUnsafe(INLINE_LIMIT + 1)];
  const [bufferA, bufferB] = buffers;
  const same =
    readWhole(pathA, sizeA, bufferA) &&
    readWhole(pathB, sizeB, bufferB) &&
    bufferA.compare(bufferB, 0, sizeA, 0, sizeA) === 0;
  return same ? 'identical' : null;
}
