/**
 * A pooled worker thread: runs hash and compare jobs one at a time, off the main event loop, so a
 * large file never freezes the window, and reports progress at most every 100 ms.
 */
import { parentPort } from 'node:worker_threads';
import { runJob } from './job-runner.ts';
import type { JobRequest, WorkerMessage, WorkerReply } from './worker-protocol.ts';

async function run({ id, job, cancel }: JobRequest): Promise<void> {
  const flag = new Int32Array(cancel);
  const post = (message: WorkerMessage): void =>
    parentPort!.postMessage({ id, message } satisfies WorkerReply);
  let lastReport = 0;
  const control = {
    cancelled: () => Atomics.load(flag, 0) !== 0,
    start: (totalBytes: number | null) => post({ type: 'start', totalBytes }),
    progress: (bytesDone: number) => {
      const now = performance.now();
      if (now - lastReport < 100) return;
      lastReport = now;
      post({ type: 'progress', bytesDone });
    },
  };
  post(await runJob(job, control));
}

// The pool sends one job at a time; chaining keeps that true even if it ever sent more.
let queue = Promise.resolve();
parentPort!.on('message', (request: JobRequest) => {
  queue = queue.then(() => run(request));
});
