import { closeSync } from 'node:fs';
import type { Algorithm } from '../../contract/compare.ts';
import { createHasher } from './hashers.ts';
import type { Hasher } from './hashers.ts';
import { checkUnchanged, openInput } from './open-input.ts';
import type { OpenedInput } from './open-input.ts';
import { readChunk } from './read-loop.ts';
import type { LoopControl } from './read-loop.ts';
import { CHUNK_SIZE } from './worker-protocol.ts';
import type { Digests, SideOutcome } from './worker-protocol.ts';

export type HashControl = LoopControl & { start(totalBytes: number | null): void };

/** Every chosen algorithm, fed from the same reads. */
export class DigestSet {
  readonly #hashers: [Algorithm, Hasher][];

  private constructor(hashers: [Algorithm, Hasher][]) {
    this.#hashers = hashers;
  }

  static async of(algorithms: readonly Algorithm[]): Promise<DigestSet> {
    return new DigestSet(
      await Promise.all(
        algorithms.map(
          async (algorithm) => [algorithm, await createHasher(algorithm)] as [Algorithm, Hasher],
        ),
      ),
    );
  }

  update(chunk: Uint8Array): void {
    for (const [, hasher] of this.#hashers) hasher.update(chunk);
  }

  digests(): Digests {
    return Object.fromEntries(this.#hashers.map(([algorithm, hasher]) => [algorithm, hasher.digest()]));
  }
}

let shared: Buffer | undefined;

/**
 * One read buffer per thread: a worker runs one job at a time, and a fresh 256 KiB buffer for each
 * of thousands of small files is most of the work of hashing them.
 */
function readBuffer(): Buffer {
  shared ??= Buffer.allocUnsafe(CHUNK_SIZE);
  return shared;
}

/**
 * Reads the file once and feeds every chunk to every chosen algorithm. Memory: one chunk. A regular
 * file that changes while it is read gets no digest (it would be the digest of neither version).
 * `opened`: the file already opened by the caller (closed here, like one opened here).
 */
export async function hashFile(
  path: string,
  algorithms: readonly Algorithm[],
  control: HashControl,
  opened?: OpenedInput,
): Promise<SideOutcome> {
  let digestSet: DigestSet;
  try {
    digestSet = await DigestSet.of(algorithms);
  } catch (error) {
    if (opened) closeSync(opened.fd);
    throw error;
  }
  const input = opened ?? openInput(path);
  control.start(input.size);
  const buffer = readBuffer();
  let bytesDone = 0;
  try {
    for (;;) {
      const count = readChunk(input.fd, buffer, path, control);
      if (count === 0) break;
      digestSet.update(count === buffer.length ? buffer : buffer.subarray(0, count));
      bytesDone += count;
      control.progress(bytesDone);
    }
    checkUnchanged(input, path);
  } finally {
    closeSync(input.fd);
  }
  return { size: bytesDone, digests: digestSet.digests() };
}
