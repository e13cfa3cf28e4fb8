import { closeSync, constants, openSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ErrorInfo } from '../../contract/errors.ts';
import { INLINE_LIMIT, runInline } from './inline-job.ts';
import { fsPath } from './name-bytes.ts';
import type { FinalMessage, Job, JobRequest, WorkerReply } from './worker-protocol.ts';

export interface JobListener {
  start(totalBytes: number | null): void;
  progress(bytesDone: number): void;
}

// From source (CLI, browser mode, tests) a worker starts with the compile cache on; in Electron's
// bundle it is a .js beside this code.
const workerUrl = new URL(
  import.meta.url.endsWith('.ts') ? './file-worker-start.js' : './file-worker.js',
  import.meta.url,
);

/** How long a cancelled worker may take to notice before it is terminated (and replaced). */
const CANCEL_GRACE_MS = 250;

interface Pending {
  job: Job;
  listener: JobListener;
  signal: AbortSignal;
  /** Workers this job may start: fewer than the pool's size when the caller's thread works too. */
  maxWorkers: number;
  resolve: (message: FinalMessage) => void;
}

interface Running extends Pending {
  id: number;
  cancel: SharedArrayBuffer;
  settled: boolean;
  /** The worker said it began this job (jobs sent ahead wait in its queue until then). */
  started: boolean;
  onAbort: () => void;
}

/**
 * Jobs sent ahead to one worker: while it hashes one small file the next is already in its queue,
 * so it never waits for the main thread between files (thousands of small files).
 */
export const PIPELINE = 4;

/**
 * One pool of hashing workers for the whole app, as many as the machine has cores, reused across
 * files and jobs. Jobs wait in order for room in a worker; idle workers do not keep the process alive.
 */
export class HashPool {
  readonly #size: number;
  /** Every live worker and the jobs sent to it, in the order it runs them. */
  readonly #workers = new Map<Worker, Map<number, Running>>();
  readonly #queue: Pending[] = [];
  #nextId = 1;

  /** Regular files up to this size are handled in the calling thread (inline-job.ts); 0: none. */
  readonly #inlineLimit: number;

  constructor(size: number, inlineLimit = 0) {
    this.#size = Math.max(1, size);
    this.#inlineLimit = inlineLimit;
  }

  /**
   * Runs a job; cancelling answers at once, and the worker closes its files or is replaced. With
   * `maxWorkers`, the job does not start more workers than that (it still runs in any idle one).
   */
  async run(
    job: Job,
    listener: JobListener,
    signal: AbortSignal,
    maxWorkers = this.#size,
  ): Promise<FinalMessage> {
    if (signal.aborted) return { type: 'cancelled' };
    if (this.#inlineLimit > 0) {
      const inline = await runInline(job, this.#inlineLimit, listener, signal);
      if (inline) return inline;
    }
    return new Promise((resolve) => {
      this.#queue.push({ job, listener, signal, maxWorkers, resolve });
      this.#dispatch();
    });
  }

  /**
   * Starts up to `count` workers before jobs need them, so that their start-up (tens of milliseconds)
   * overlaps work the caller still has to do. Idle, they keep nothing alive.
   */
  warm(count: number): void {
    while (this.#workers.size < Math.min(count, this.#size)) this.#spawn();
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const worker = this.#leastLoaded(this.#queue[0]!.maxWorkers);
      if (!worker) return;
      const pending = this.#queue.shift()!;
      if (pending.signal.aborted) pending.resolve({ type: 'cancelled' });
      else this.#start(worker, pending);
    }
  }

  /** An idle worker, a new one while there are fewer than `limit`, else the least loaded with room. */
  #leastLoaded(limit: number): Worker | undefined {
    let best: Worker | undefined;
    for (const [worker, jobs] of this.#workers) {
      if (jobs.size === 0) return worker;
      if (jobs.size < PIPELINE && (!best || jobs.size < this.#workers.get(best)!.size)) best = worker;
    }
    return this.#workers.size < Math.min(limit, this.#size) ? this.#spawn() : best;
  }

  #spawn(): Worker {
    const worker = new Worker(workerUrl);
    this.#workers.set(worker, new Map());
    worker.on('message', ({ id, message }: WorkerReply) => {
      const running = this.#workers.get(worker)?.get(id);
      if (!running) return;
      if (message.type === 'start') {
        running.started = true;
        running.listener.start(message.totalBytes);
      } else if (message.type === 'progress') running.listener.progress(message.bytesDone);
      else this.#finish(worker, running, message);
    });
    const failed = (error: ErrorInfo): void => {
      const jobs = this.#workers.get(worker);
      this.#workers.delete(worker);
      for (const running of jobs?.values() ?? []) settle(running, { type: 'error', error });
      this.#dispatch();
    };
    worker.on('error', (error) =>
      failed({ code: 'INTERNAL', message: `The worker failed: ${error.message}` }),
    );
    worker.on('exit', () => failed({ code: 'INTERNAL', message: 'The worker stopped early.' }));
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    return worker;
  }

  #start(worker: Worker, pending: Pending): void {
    const cancel = new SharedArrayBuffer(4);
    const running: Running = {
      ...pending,
      id: this.#nextId++,
      cancel,
      settled: false,
      started: false,
      onAbort: () => {},
    };
    running.onAbort = () => {
      Atomics.store(new Int32Array(cancel), 0, 1);
      for (const path of pathsOf(running.job)) releaseBlockedPipe(path);
      settle(running, { type: 'cancelled' });
      // A job still waiting in the worker's queue ends at once when reached. One the worker is
      // stuck in (a read that never returns) ends the worker; its other jobs go back in the queue.
      setTimeout(() => {
        if (!running.started || !this.#workers.get(worker)?.has(running.id)) return;
        this.#retire(worker);
      }, CANCEL_GRACE_MS).unref();
    };
    pending.signal.addEventListener('abort', running.onAbort, { once: true });
    this.#workers.get(worker)!.set(running.id, running);
    worker.ref();
    worker.postMessage({ id: running.id, job: pending.job, cancel } satisfies JobRequest);
  }

  #finish(worker: Worker, running: Running, message: FinalMessage): void {
    const jobs = this.#workers.get(worker)!;
    jobs.delete(running.id);
    if (jobs.size === 0) worker.unref();
    settle(running, message);
    this.#dispatch();
  }

  /** Ends a stuck worker; the jobs it had not begun are queued again, first. */
  #retire(worker: Worker): void {
    const jobs = this.#workers.get(worker);
    this.#workers.delete(worker);
    void worker.terminate();
    const again = [...(jobs?.values() ?? [])].filter((running) => !running.settled);
    for (const running of again) running.signal.removeEventListener('abort', running.onAbort);
    this.#queue.unshift(
      ...again.map(({ job, listener, signal, maxWorkers, resolve }) => ({
        job,
        listener,
        signal,
        maxWorkers,
        resolve,
      })),
    );
    this.#dispatch();
  }
}

function settle(running: Running, message: FinalMessage): void {
  if (running.settled) return;
  running.settled = true;
  running.signal.removeEventListener('abort', running.onAbort);
  running.resolve(message);
}

/** Paths a cancelled job may be blocked on; a batch opens its files without blocking (quick-compare.ts). */
function pathsOf(job: Job): string[] {
  if (job.kind === 'quick-compare') return [];
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

/** The app's one pool; small regular files never wait for a worker. */
export const hashPool = new HashPool(availableParallelism(), INLINE_LIMIT);

/** Files handed to the pool at once by one request: every worker kept busy, few tasks pending. */
export const IN_FLIGHT = 4 * availableParallelism();
