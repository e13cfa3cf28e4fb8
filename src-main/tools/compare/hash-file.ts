import { closeSync } from 'node:fs';
import type { Algorithm } from '../../contract/compare.ts';
import { createHasher } from './hashers.ts';
import { openInput } from './open-input.ts';
import { readChunk } from './read-loop.ts';
import type { LoopControl } from './read-loop.ts';
import { CHUNK_SIZE } from './worker-protocol.ts';

export interface HashOutcome {
  size: number;
  digests: Partial<Record<Algorithm, string>>;
}

/** Reads the file once and feeds every chunk to every chosen algorithm. Memory: one chunk. */
export async function hashFile(
  path: string,
  algorithms: readonly Algorithm[],
  control: LoopControl & { start(totalBytes: number | null): void },
): Promise<HashOutcome> {
  const hashers = await Promise.all(
    algorithms.map(async (algorithm) => [algorithm, await createHasher(algorithm)] as const),
  );
  const { fd, size } = openInput(path);
  control.start(size);
  const buffer = Buffer.allocUnsafe(CHUNK_SIZE);
  let bytesDone = 0;
  try {
    for (;;) {
      const count = readChunk(fd, buffer, path, control);
      if (count === 0) break;
      const chunk = count === buffer.length ? buffer : buffer.subarray(0, count);
      for (const [, hasher] of hashers) hasher.update(chunk);
      bytesDone += count;
      control.progress(bytesDone);
    }
  } finally {
    closeSync(fd);
  }
  const digests: Partial<Record<Algorithm, string>> = {};
  for (const [algorithm, hasher] of hashers) digests[algorithm] = hasher.digest();
  return { size: bytesDone, digests };
}
