/**
 * Worker thread entry: runs one hash or exact-compare job off the main event loop, so a large file
 * never freezes the window, and reports progress at most every 100 ms.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SuiteError, toErrorInfo } from '../../core/suite-error.ts';
import { compareExact } from './exact-compare.ts';
import { hashFile } from './hash-file.ts';
import type { ExactJob, HashJob, WorkerMessage } from './worker-protocol.ts';

const job = workerData as HashJob | ExactJob;
const flag = new Int32Array(job.cancel);
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);

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
    post({ type: 'exact', result: compareExact(job.pathA, job.pathB, control) });
  }
} catch (error) {
  if (error instanceof SuiteError && error.code === 'CANCELLED') post({ type: 'cancelled' });
  else post({ type: 'error', error: toErrorInfo(error) });
}
