/**
 * A pooled worker thread: runs hash and compare jobs one at a time, off the main event loop, so a
 * large file never freezes the window, and reports progress at most every 100 ms.
 */
import { parentPort } from 'node:worker_threads';
import { SuiteError, toErrorInfo } from '../../core/suite-error.ts';
import { SideError, compareSideBySide } from './exact-compare.ts';
import { hashFile } from './hash-file.ts';
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
  try {
    if (job.kind === 'hash') {
      const { size, digests } = await hashFile(job.path, job.algorithms, control);
      post({ type: 'hashed', size, digests });
    } else {
      post({ type: 'compared', ...(await compareSideBySide(job.pathA, job.pathB, job.algorithms, control)) });
    }
  } catch (error) {
    if (error instanceof SuiteError && error.code === 'CANCELLED') post({ type: 'cancelled' });
    else if (error instanceof SideError) post({ type: 'error', error: error.info, side: error.side });
    else post({ type: 'error', error: toErrorInfo(error) });
  }
}

// The pool sends one job at a time; chaining keeps that true even if it ever sent more.
let queue = Promise.resolve();
parentPort!.on('message', (request: JobRequest) => {
  queue = queue.then(() => run(request));
});
