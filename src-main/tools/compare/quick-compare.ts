import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { INLINE_LIMIT } from './inline-job.ts';
import { fsPath } from './name-bytes.ts';
import type { PairOutcome } from './worker-protocol.ts';

let buffers: [Buffer, Buffer] | undefined;

function statQuietly(path: string): Stats | null {
  try {
    return statSync(fsPath(path), { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/**
 * What two regular files' stats settle, as diff -rq settles it without reading: the same file (a
 * hard link in both trees) is identical; different sizes differ, unless one is 0 (a file in /proc
 * says 0 and has content: then both are read). Null: only reading them tells.
 */
function settledByStats(a: Stats, b: Stats): PairOutcome {
  if (a.dev === b.dev && a.ino === b.ino) return 'identical';
  return a.size !== b.size && a.size > 0 && b.size > 0 ? { sizeA: a.size, sizeB: b.size } : null;
}

/**
 * Opens a file for reading without blocking: a FIFO put in its place since the walk cannot hang the
 * thread. Null when it cannot be opened.
 */
function openToRead(path: string): number | null {
  try {
    return openSync(fsPath(path), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
}

/** Files that cannot be opened: settled by their stats alone, if at all (readable or not, as diff -rq). */
function settledUnopened(pathA: string, pathB: string): PairOutcome {
  const [a, b] = [statQuietly(pathA), statQuietly(pathB)];
  return a?.isFile() && b?.isFile() ? settledByStats(a, b) : null;
}

/**
 * Both files are open: regular files of different sizes differ (not read); small ones are read with
 * one call each, one byte more than the size (a short read of a regular file is its end, so a file
 * that grew meanwhile shows as more bytes than expected).
 */
function compareOpen(fdA: number, fdB: number): PairOutcome {
  const [statsA, statsB] = [fstatSync(fdA), fstatSync(fdB)];
  if (!statsA.isFile() || !statsB.isFile()) return null;
  const settled = settledByStats(statsA, statsB);
  if (settled || statsA.size !== statsB.size) return settled;
  const size = statsA.size;
  if (size > INLINE_LIMIT) return null;
  buffers ??= [Buffer.allocUnsafe(INLINE_LIMIT + 1), Buffer.allocUnsafe(INLINE_LIMIT + 1)];
  const [bufferA, bufferB] = buffers;
  const same =
    readSync(fdA, bufferA, 0, size + 1, 0) === size &&
    readSync(fdB, bufferB, 0, size + 1, 0) === size &&
    bufferA.compare(bufferB, 0, size, 0, size) === 0;
  return same ? 'identical' : null;
}

/**
 * The common cases of a folder compare, as `diff -rq` settles them: two regular files of different
 * sizes differ (told from their sizes, not read, readable or not), and two small ones are read with
 * one call each into reused buffers and found equal byte for byte. Null means "not settled here": a
 * difference in content, an error or anything unusual is compared the general way
 * (compareSideBySide), which gives the verdict in its own words.
 *
 * Each file is opened first and its size taken from the open file: one lookup of its path, not two.
 */
export function quickCompare(pathA: string, pathB: string): PairOutcome {
  const fdA = openToRead(pathA);
  const fdB = fdA === null ? null : openToRead(pathB);
  try {
    return fdA === null || fdB === null ? settledUnopened(pathA, pathB) : compareOpen(fdA, fdB);
  } catch {
    return null;
  } finally {
    if (fdA !== null) closeSync(fdA);
    if (fdB !== null) closeSync(fdB);
  }
}

/** Claims a batch of pairs (QuickCompareJob's `claim`) for this thread; false if another has it. */
export function claimBatch(claim: SharedArrayBuffer): boolean {
  return Atomics.compareExchange(new Int32Array(claim), 0, 0, 1) === 0;
}
