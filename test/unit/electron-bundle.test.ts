import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/build.ts';
import { firstWord, run } from '../support/commands.ts';
import { repoRoot } from '../support/paths.ts';
import { tempDir } from '../support/temp.ts';

const outMain = join(repoRoot, 'out/main');

beforeAll(() => ensureBuilt(), 120_000);

describe('the Electron main bundle', () => {
  it('has the hash worker beside the code that starts it', () => {
    expect(existsSync(join(outMain, 'main.js'))).toBe(true);
    expect(existsSync(join(outMain, 'file-worker.js'))).toBe(true);
  });

  it('runs a real hash job with the bundled worker', async () => {
    const file = join(await tempDir('bundle'), 'data.bin');
    await writeFile(file, 'bundled worker\r\n');
    const worker = new Worker(join(outMain, 'file-worker.js'), {
      workerData: {
        kind: 'hash',
        path: file,
        algorithms: ['sha256', 'blake3'],
        cancel: new SharedArrayBuffer(4),
      },
    });
    const result = await new Promise<{ type: string; digests?: Record<string, string> }>((resolve) => {
      worker.on('message', (message: { type: string }) => {
        if (message.type !== 'start' && message.type !== 'progress') resolve(message);
      });
    });
    expect(result).toEqual({
      type: 'hashed',
      size: 16,
      digests: {
        sha256: firstWord(run('sha256sum', [file])),
        blake3: firstWord(run('b3sum', ['--no-names', file])),
      },
    });
  });
});
