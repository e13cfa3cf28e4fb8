import { closeSync, constants, openSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { SuiteError } from '../../core/suite-error.ts';
import type { ExactJob, HashJob, WorkerMessage } from './worker-protocol.ts';

export type Job = Omit<HashJob, 'cancel'> | Omit<ExactJob, 'cancel'>;
export type FinalMessage = Extract<WorkerMessage, { type: 'hashed' | 'exact' | 'cancelled' | 'error' }>;

export interface JobListener {
  start(totalBytes: number | null): void;
  progress(bytesDone: number): void;
}

// From source (CLI, browser mode, tests) the worker is the .ts file; in Electron's bundle, a .js beside it.
const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './file-worker.ts' : './file-worker.js',
  import.meta.url,
);

/** How long a cancelled worker may take to notice before it is terminated. */
const CANCEL_GRACE_MS = 250;

/** Runs a job in a worker thread. Cancelling answers at once; the worker closes its files and ends. */
export function runJob(job: Job, listener: JobListener, signal: AbortSignal): Promise<FinalMessage> {
  if (signal.aborted) return Promise.resolve({ type: 'cancelled' });
  const cancel = new SharedArrayBuffer(4);
  const worker = new Worker(workerUrl, { workerData: { ...job, cancel } });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (message: FinalMessage): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(message);
    };
    const onAbort = (): void => {
      Atomics.store(new Int32Array(cancel), 0, 1);
      for (const path of job.kind === 'hash' ? [job.path] : [job.pathA, job.pathB]) releaseBlockedPipe(path);
      setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS).unref();
      finish({ type: 'cancelled' });
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'start') listener.start(message.totalBytes);
      else if (message.type === 'progress') listener.progress(message.bytesDone);
      else finish(message);
    });
    worker.on('error', (error) =>
      finish({
        type: 'error',
        error: new SuiteError('INTERNAL', `The worker failed: ${error.message}`).toInfo(),
      }),
    );
    worker.on('exit', () =>
      finish({ type: 'error', error: { code: 'INTERNAL', message: 'The worker stopped early.' } }),
    );
  });
}

/**
 * A reader opening a FIFO that has no writer waits in open(2) forever. Opening it once for writing
 * (non-blocking) and closing it gives that reader end-of-file, so the cancelled worker can end.
 */
function releaseBlockedPipe(path: string): void {
  try {
    if (!statSync(path).isFIFO()) return;
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // No reader waiting, or not ours to open: nothing is blocked on it then.
  }
}
