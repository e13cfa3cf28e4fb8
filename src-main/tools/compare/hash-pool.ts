import { closeSync, constants, openSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ErrorInfo } from '../../contract/errors.ts';
import { fsPath } from './name-bytes.ts';
import type { FinalMessage, Job, JobRequest, WorkerReply } from './worker-protocol.ts';

export interface JobListener {
  start(totalBytes: number | null): void;
  progress(bytesDone: number): void;
}

// From source (CLI, browser mode, tests) the worker is the .ts file; in Electron's bundle, a .js beside it.
const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './file-worker.ts' : './file-worker.js',
  import.meta.url,
);

/** How long a cancelled worker may take to notice before it is terminated (and replaced). */
const CANCEL_GRACE_MS = 250;

interface Pending {
  job: Job;
  listener: JobListener;
  signal: AbortSignal;
  resolve: (message: FinalMessage) => void;
}

interface Running extends Pending {
  id: number;
  cancel: SharedArrayBuffer;
  settled: boolean;
  onAbort: () => void;
}

/**
 * One pool of hashing workers for the whole app, as many as the machine has cores, reused across
 * files and jobs. Jobs wait in order for a free worker; idle workers do not keep the process alive.
 */
export class HashPool {
  readonly #size: number;
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Running>();
  readonly #queue: Pending[] = [];
  #nextId = 1;

  constructor(size: number) {
    this.#size = Math.max(1, size);
  }

  /** Runs a job; cancelling answers at once, and the worker closes its files or is replaced. */
  run(job: Job, listener: JobListener, signal: AbortSignal): Promise<FinalMessage> {
    if (signal.aborted) return Promise.resolve({ type: 'cancelled' });
    return new Promise((resolve) => {
      this.#queue.push({ job, listener, signal, resolve });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? (this.#count() < this.#size ? this.#spawn() : undefined);
      if (!worker) return;
      const pending = this.#queue.shift()!;
      if (pending.signal.aborted) {
        this.#idle.push(worker);
        pending.resolve({ type: 'cancelled' });
        continue;
      }
      this.#start(worker, pending);
    }
  }

  #count(): number {
    return this.#idle.length + this.#busy.size;
  }

  #spawn(): Worker {
    const worker = new Worker(workerUrl);
    worker.unref();
    worker.on('message', ({ id, message }: WorkerReply) => {
      const running = this.#busy.get(worker);
      if (!running || running.id !== id) return;
      if (message.type === 'start') running.listener.start(message.totalBytes);
      else if (message.type === 'progress') running.listener.progress(message.bytesDone);
      else this.#finish(worker, running, message);
    });
    const failed = (error: ErrorInfo): void => {
      const running = this.#busy.get(worker);
      this.#busy.delete(worker);
      this.#remove(worker);
      if (running) settle(running, { type: 'error', error });
      this.#dispatch();
    };
    worker.on('error', (error) =>
      failed({ code: 'INTERNAL', message: `The worker failed: ${error.message}` }),
    );
    worker.on('exit', () => failed({ code: 'INTERNAL', message: 'The worker stopped early.' }));
    return worker;
  }

  #start(worker: Worker, pending: Pending): void {
    const cancel = new SharedArrayBuffer(4);
    const running: Running = { ...pending, id: this.#nextId++, cancel, settled: false, onAbort: () => {} };
    running.onAbort = () => {
      Atomics.store(new Int32Array(cancel), 0, 1);
      for (const path of pathsOf(running.job)) releaseBlockedPipe(path);
      settle(running, { type: 'cancelled' });
      // A worker that does not notice (stuck in a read) is ended; the pool makes another when needed.
      setTimeout(() => {
        if (this.#busy.get(worker) !== running) return;
        this.#busy.delete(worker);
        this.#remove(worker);
        void worker.terminate();
        this.#dispatch();
      }, CANCEL_GRACE_MS).unref();
    };
    pending.signal.addEventListener('abort', running.onAbort, { once: true });
    this.#busy.set(worker, running);
    worker.ref();
    worker.postMessage({ id: running.id, job: pending.job, cancel } satisfies JobRequest);
  }

  #finish(worker: Worker, running: Running, message: FinalMessage): void {
    this.#busy.delete(worker);
    worker.unref();
    this.#idle.push(worker);
    settle(running, message);
    this.#dispatch();
  }

  #remove(worker: Worker): void {
    const index = this.#idle.indexOf(worker);
    if (index !== -1) this.#idle.splice(index, 1);
  }
}

function settle(running: Running, message: FinalMessage): void {
  if (running.settled) return;
  running.settled = true;
  running.signal.removeEventListener('abort', running.onAbort);
  running.resolve(message);
}

function pathsOf(job: Job): string[] {
  return job.kind === 'hash' ? [job.path] : [job.pathA, job.pathB];
}

/**
 * A reader opening a FIFO that has no writer waits in open(2) forever. Opening it once for writing
 * (non-blocking) and closing it gives that reader end-of-file, so the cancelled worker can end.
 */
function releaseBlockedPipe(path: string): void {
  try {
    if (!statSync(fsPath(path)).isFIFO()) return;
    closeSync(openSync(fsPath(path), constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // No reader waiting, or not ours to open: nothing is blocked on it then.
  }
}

/** The app's one pool. */
export const hashPool = new HashPool(availableParallelism());

/** Files handed to the pool at once by one request: every worker kept busy, few tasks pending. */
export const IN_FLIGHT = 4 * availableParallelism();
