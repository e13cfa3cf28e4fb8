import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HashPool } from '../../../src-main/tools/compare/hash-pool.ts';
import { claimBatch } from '../../../src-main/tools/compare/quick-compare.ts';
import type { QuickCompareJob } from '../../../src-main/tools/compare/worker-protocol.ts';
import { firstWord, run } from '../../support/commands.ts';
import { tempDir } from '../../support/temp.ts';

const listener = { start: () => undefined, progress: () => undefined };

describe('the hashing worker pool', () => {
  it('cancelling a job stuck in a read ends only that job: the jobs queued behind it still finish', async () => {
    const dir = await tempDir('pool');
    const fifo = join(dir, 'stuck');
    run('mkfifo', [fifo]);
    // A writer that holds the FIFO open and never writes: the reader blocks in read(2) for good.
    const writer = spawn('sh', ['-c', `exec 3>"${fifo}"; exec sleep 300`]);
    try {
      const files = ['one', 'two', 'three'].map((name) => join(dir, name));
      for (const file of files) await writeFile(file, `content of ${file}`);
      const pool = new HashPool(1);
      const stuckRequest = new AbortController();
      const otherRequest = new AbortController();
      let started!: () => void;
      const stuckStarted = new Promise<void>((resolve) => (started = resolve));
      const stuck = pool.run(
        { kind: 'hash', path: fifo, algorithms: ['sha256'] },
        { start: () => started(), progress: () => undefined },
        stuckRequest.signal,
      );
      // With one worker these wait in its queue behind the stuck job.
      const others = files.map((path) =>
        pool.run({ kind: 'hash', path, algorithms: ['sha256'] }, listener, otherRequest.signal),
      );
      await stuckStarted;
      stuckRequest.abort();
      expect(await stuck).toEqual({ type: 'cancelled' });
      const results = await Promise.all(others);
      expect(
        results.map((message) => (message.type === 'hashed' ? message.digests.sha256 : message.type)),
      ).toEqual(files.map((file) => firstWord(run('sha256sum', [file]))));
    } finally {
      writer.kill();
    }
  });

  it('a job capped at one worker starts no second one, even with many such jobs at once', async () => {
    const dir = await tempDir('pool-cap');
    const files = Array.from({ length: 12 }, (_, index) => join(dir, `file${index}`));
    for (const file of files) await writeFile(file, Buffer.alloc(2 << 20, file));
    let started = 0;
    const counted = () => started++;
    process.on('worker', counted);
    try {
      const pool = new HashPool(4);
      const signal = new AbortController().signal;
      const results = await Promise.all(
        files.map((path) => pool.run({ kind: 'hash', path, algorithms: ['sha256'] }, listener, signal, 1)),
      );
      expect(results.map((message) => message.type)).toEqual(files.map(() => 'hashed'));
      expect(started, 'workers started').toBe(1);
      // Uncapped, the same jobs spread over more workers.
      await Promise.all(
        files.map((path) => pool.run({ kind: 'hash', path, algorithms: ['sha256'] }, listener, signal)),
      );
      expect(started).toBeGreaterThan(1);
    } finally {
      process.off('worker', counted);
    }
  });

  it('a batch of quick compares runs in whichever thread claims it first, and only there', async () => {
    const dir = await tempDir('pool-claim');
    const [pathA, pathB] = [join(dir, 'a'), join(dir, 'b')];
    await writeFile(pathA, 'same');
    await writeFile(pathB, 'same');
    const pool = new HashPool(1);
    const signal = new AbortController().signal;
    const claim = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const job: QuickCompareJob = { kind: 'quick-compare', pairs: [{ pathA, pathB }], claim };
    expect(await pool.run(job, listener, signal)).toEqual({
      type: 'quick-compared',
      outcomes: ['identical'],
    });
    expect(claimBatch(claim), 'claimed by the worker that ran it').toBe(false);
    // Claimed here first (the calling thread took it back): the worker leaves it alone.
    const takenBack = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    expect(claimBatch(takenBack)).toBe(true);
    expect(await pool.run({ ...job, claim: takenBack }, listener, signal)).toEqual({
      type: 'quick-compared',
      outcomes: null,
    });
  });

  it('a folder compare’s pair that is now a FIFO is refused at once, not opened to wait for a writer', async () => {
    const dir = await tempDir('pool-replaced');
    const [fifo, file] = [join(dir, 'was-a-file'), join(dir, 'file')];
    run('mkfifo', [fifo]);
    await writeFile(file, 'content');
    const pool = new HashPool(1);
    const job = {
      kind: 'compare',
      pathA: fifo,
      pathB: file,
      algorithms: [],
      regularFilesOnly: true,
    } as const;
    expect(await pool.run({ ...job, algorithms: [] }, listener, new AbortController().signal)).toMatchObject({
      type: 'error',
      error: { code: 'CONFLICT', message: expect.stringContaining('no longer a regular file') },
    });
  });
});
