import { closeSync } from 'node:fs';
import { openInput } from './open-input.ts';
import { readChunk } from './read-loop.ts';
import type { LoopControl } from './read-loop.ts';
import { CHUNK_SIZE, type ExactOutcome } from './worker-protocol.ts';

/** Fills the buffer from fd unless the stream ends first (a pipe may deliver less per read). */
function fill(fd: number, buffer: Buffer, path: string, control: LoopControl): number {
  let filled = 0;
  while (filled < buffer.length) {
    const count = readChunk(fd, buffer.subarray(filled), path, control);
    if (count === 0) break;
    filled += count;
  }
  return filled;
}

function firstDifference(a: Buffer, b: Buffer, length: number): number {
  // Halve the range with memcmp until one byte is left: fast even for a full chunk.
  let low = 0;
  let high = length;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (a.compare(b, low, middle, low, middle) !== 0) high = middle;
    else low = middle;
  }
  return low;
}

/** Byte-for-byte comparison that stops at the first difference. */
export function compareExact(
  pathA: string,
  pathB: string,
  control: LoopControl & { start(totalBytes: number | null): void },
): ExactOutcome {
  const a = openInput(pathA);
  let b;
  try {
    b = openInput(pathB);
  } catch (error) {
    closeSync(a.fd);
    throw error;
  }
  try {
    if (a.size !== null && b.size !== null && a.size !== b.size) {
      return { verdict: 'size-differs', sizeA: a.size, sizeB: b.size, shorter: null };
    }
    control.start(a.size);
    const bufferA = Buffer.allocUnsafe(CHUNK_SIZE);
    const bufferB = Buffer.allocUnsafe(CHUNK_SIZE);
    let offset = 0;
    for (;;) {
      const countA = fill(a.fd, bufferA, pathA, control);
      const countB = fill(b.fd, bufferB, pathB, control);
      const common = Math.min(countA, countB);
      if (bufferA.compare(bufferB, 0, common, 0, common) !== 0) {
        const at = firstDifference(bufferA, bufferB, common);
        return { verdict: 'different', offset: offset + at, byteA: bufferA[at]!, byteB: bufferB[at]! };
      }
      offset += common;
      if (countA !== countB) {
        const sizeA = countA < countB ? offset : offset + (countA - common);
        const sizeB = countB < countA ? offset : offset + (countB - common);
        return { verdict: 'size-differs', sizeA, sizeB, shorter: countA < countB ? 'A' : 'B' };
      }
      if (countA === 0) return { verdict: 'identical', size: offset };
      control.progress(offset);
    }
  } finally {
    closeSync(a.fd);
    closeSync(b.fd);
  }
}
