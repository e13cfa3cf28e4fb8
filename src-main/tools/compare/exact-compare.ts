import { closeSync, readSync } from 'node:fs';
import type { Algorithm } from '../../contract/compare.ts';
import { SuiteError, toErrorInfo } from '../../core/suite-error.ts';
import type { ErrorInfo } from '../../contract/errors.ts';
import { DigestSet } from './hash-file.ts';
import type { HashControl } from './hash-file.ts';
import { checkUnchanged, openInput } from './open-input.ts';
import type { OpenedInput } from './open-input.ts';
import { readChunk } from './read-loop.ts';
import type { LoopControl } from './read-loop.ts';
import { CHUNK_SIZE } from './worker-protocol.ts';
import type { ExactOutcome, SideOutcome } from './worker-protocol.ts';

/** A failure on one side of a comparison, so the report can name the file. */
export class SideError extends Error {
  readonly side: 'A' | 'B';
  readonly info: ErrorInfo;
  constructor(side: 'A' | 'B', error: unknown) {
    super('side error');
    this.side = side;
    this.info = toErrorInfo(error);
  }
}

function onSide<T>(side: 'A' | 'B', work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof SuiteError && error.code === 'CANCELLED') throw error;
    throw new SideError(side, error);
  }
}

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

function countNewlines(buffer: Buffer, end: number): number {
  let count = 0;
  for (let at = buffer.indexOf(0x0a); at !== -1 && at < end; at = buffer.indexOf(0x0a, at + 1)) count++;
  return count;
}

let shared: [Buffer, Buffer] | undefined;

/** One pair of read buffers per thread (a worker runs one job at a time): no 512 KiB per file pair. */
function readBuffers(): [Buffer, Buffer] {
  shared ??= [Buffer.allocUnsafe(CHUNK_SIZE), Buffer.allocUnsafe(CHUNK_SIZE)];
  return shared;
}

/**
 * Newlines in a regular file's first `end` bytes, re-read with pread once a comparison has stopped:
 * cheaper than counting every chunk of two identical files on the way.
 */
function newlinesBefore(fd: number, end: number, scratch: Buffer): number {
  let count = 0;
  for (let position = 0; position < end;) {
    const read = readSync(fd, scratch, 0, Math.min(scratch.length, end - position), position);
    if (read === 0) break;
    count += countNewlines(scratch, read);
    position += read;
  }
  return count;
}

interface Side {
  path: string;
  input: OpenedInput;
  buffer: Buffer;
  digests: DigestSet | null;
  bytes: number;
}

/**
 * Compares two files byte for byte as cmp does, whatever their sizes: the first differing byte, or
 * where the shorter one ends. With algorithms, both are also hashed from the same reads and read to
 * the end; without, reading stops at the first difference. `opened`: both files already opened by
 * the caller (closed here, like ones opened here). `regularFilesOnly`: see CompareJob.
 */
export async function compareSideBySide(
  pathA: string,
  pathB: string,
  algorithms: readonly Algorithm[],
  control: HashControl,
  opened?: [OpenedInput, OpenedInput],
  regularFilesOnly = false,
): Promise<{ exact: ExactOutcome; a: SideOutcome | null; b: SideOutcome | null }> {
  const hashing = algorithms.length > 0;
  const digestSets = hashing
    ? Promise.all([DigestSet.of(algorithms), DigestSet.of(algorithms)])
    : Promise.resolve([null, null] as const);
  const [digestsA, digestsB] = await digestSets.catch((error: unknown) => {
    for (const input of opened ?? []) closeSync(input.fd);
    throw error;
  });
  const inputA = opened?.[0] ?? onSide('A', () => openInput(pathA, regularFilesOnly));
  let inputB: OpenedInput;
  try {
    inputB = opened?.[1] ?? onSide('B', () => openInput(pathB, regularFilesOnly));
  } catch (error) {
    closeSync(inputA.fd);
    throw error;
  }
  const [bufferA, bufferB] = readBuffers();
  const a: Side = {
    path: pathA,
    input: inputA,
    buffer: bufferA,
    digests: digestsA,
    bytes: 0,
  };
  const b: Side = {
    path: pathB,
    input: inputB,
    buffer: bufferB,
    digests: digestsB,
    bytes: 0,
  };
  try {
    control.start(inputA.size === null || inputB.size === null ? null : inputA.size + inputB.size);
    let exact: ExactOutcome | null = null;
    let offset = 0;
    // A pipe cannot be read again: its lines are counted on the way; a regular file's at the end.
    const countOnTheWay = inputA.size === null;
    let newlines = 0;
    let lastByte = -1;
    const linesUpTo = (end: number, counted: number): number =>
      countOnTheWay ? counted : newlinesBefore(a.input.fd, end, b.buffer);
    for (;;) {
      const countA = onSide('A', () => fill(a.input.fd, a.buffer, a.path, control));
      const countB = onSide('B', () => fill(b.input.fd, b.buffer, b.path, control));
      a.bytes += countA;
      b.bytes += countB;
      a.digests?.update(a.buffer.subarray(0, countA));
      b.digests?.update(b.buffer.subarray(0, countB));
      // fill stops short of a full buffer only at end of file: a small file needs no second round.
      const bothEnded = countA < a.buffer.length && countB < b.buffer.length;
      if (exact === null) {
        const common = Math.min(countA, countB);
        if (a.buffer.compare(b.buffer, 0, common, 0, common) !== 0) {
          const at = firstDifference(a.buffer, b.buffer, common);
          const [byteA, byteB] = [a.buffer[at]!, b.buffer[at]!];
          const counted = countOnTheWay ? newlines + countNewlines(a.buffer, at) : 0;
          const line = linesUpTo(offset + at, counted) + 1;
          exact = { verdict: 'different', offset: offset + at, byteA, byteB, line };
        } else {
          if (countOnTheWay) newlines += countNewlines(a.buffer, common);
          if (common > 0) lastByte = a.buffer[common - 1]!;
          offset += common;
          if (countA !== countB) {
            const ended = lastByte === 0x0a;
            const lines = linesUpTo(offset, newlines);
            exact = {
              verdict: 'eof',
              shorter: countA < countB ? 'A' : 'B',
              size: offset,
              line: ended ? lines : lines + 1,
              inLine: !ended,
            };
          } else if (bothEnded) exact = { verdict: 'identical', size: offset };
        }
      }
      if (exact !== null && (!hashing || bothEnded)) break;
      control.progress(a.bytes + b.bytes);
    }
    if (exact === null) throw new SuiteError('INTERNAL', 'The comparison ended without a result.');
    if (!hashing) return { exact, a: null, b: null };
    onSide('A', () => checkUnchanged(a.input, a.path));
    onSide('B', () => checkUnchanged(b.input, b.path));
    return {
      exact,
      a: { size: a.bytes, digests: a.digests!.digests() },
      b: { size: b.bytes, digests: b.digests!.digests() },
    };
  } finally {
    closeSync(inputA.fd);
    closeSync(inputB.fd);
  }
}
