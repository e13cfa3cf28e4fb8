import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { INLINE_LIMIT } from './inline-job.ts';
import { fsPath } from './name-bytes.ts';

let buffers: [Buffer, Buffer] | undefined;

/** Reads a regular file of `size` bytes whole, with one read; false unless it is exactly that. */
function readWhole(path: string, size: number, buffer: Buffer): boolean {
  let fd: number | undefined;
  try {
    // Non-blocking: a FIFO put in the file's place since the walk cannot hang the thread.
    fd = openSync(fsPath(path), constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size !== size) return false;
    // One byte more than the size: a short read of a regular file is its end, so a file that grew
    // since the walk shows as more bytes than expected.
    return readSync(fd, buffer, 0, size + 1, 0) === size;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The common case of a folder compare, as cheaply as `diff -rq` does it: two small regular files of
 * the size the walk saw, each read with one call into a reused buffer, equal byte for byte. False
 * means "not shown identical here": a difference, an error or anything unusual is then compared the
 * general way (compareSideBySide), which gives the verdict in its own words.
 */
export function sameSmallFiles(pathA: string, pathB: string, size: number): boolean {
  if (size > INLINE_LIMIT) return false;
  buffers ??= [Buffer.allocUnsafe(INLINE_LIMIT + 1), Buffer.allocUnsafe(INLINE_LIMIT + 1)];
  const [a, b] = buffers;
  return readWhole(pathA, size, a) && readWhole(pathB, size, b) && a.compare(b, 0, size, 0, size) === 0;
}
