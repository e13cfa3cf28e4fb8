import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HashPool } from '../../../src-main/tools/compare/hash-pool.ts';
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
});
