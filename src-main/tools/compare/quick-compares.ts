import { availableParallelism } from 'node:os';
import { cancelled } from '../../core/suite-error.ts';
import { takeTurns } from './event-loop-turn.ts';
import { PIPELINE, hashPool } from './hash-pool.ts';
import { claimBatch, quickCompare } from './quick-compare.ts';
import type { PairOutcome, QuickCompareJob } from './worker-protocol.ts';

type FilePair = QuickCompareJob['pairs'][number];

interface Batch {
  /** Index of its first pair, in the order pairs were added. */
  start: number;
  pairs: FilePair[];
  /** Claimed by the thread that runs it (claimBatch). */
  claim: SharedArrayBuffer;
}

function newBatch(start: number): Batch {
  return { start, pairs: [], claim: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT) };
}

/** Pairs per batch: a few milliseconds of work, so the last batches even out between threads. */
const BATCH_PAIRS = 128;

const IGNORE_PROGRESS = { start: () => {}, progress: () => {} };

/**
 * Workers for quick compares: one core fewer than the machine has, as this thread compares too (a
 * worker more would only take turns on a core, and cost its start-up).
 */
const QUICK_WORKERS = Math.max(1, availableParallelism() - 1);

/**
 * The quick compares (quick-compare.ts) of a folder compare's file pairs, spread over the machine's
 * cores. Pairs are added while the caller still walks the second folder; with `useWorkers()`, full
 * batches go to the hash pool's workers at once, as many as a worker queues (so it has work while
 * this thread walks), and `finish()` has this thread take the batches left, then take back those a
 * worker has not begun, so no core waits and none is left with a queue at the end.
 */
export class QuickCompares {
  readonly #signal: AbortSignal;
  readonly #outcomes: PairOutcome[] = [];
  /** Sealed batches not sent to a worker yet. */
  readonly #ready: Batch[] = [];
  /** Batches sent to a worker and not answered yet, in the order sent. */
  readonly #sent: Batch[] = [];
  #current = newBatch(0);
  #settled = 0;
  #onBatch: (settledSoFar: number) => void = () => {};
  /** Worker lanes, each waiting for a batch or running one; woken when one is ready or all are added. */
  readonly #lanes: Promise<void>[] = [];
  readonly #idle: (() => void)[] = [];
  #closed = false;

  constructor(signal: AbortSignal) {
    this.#signal = signal;
    signal.addEventListener('abort', () => this.#wakeAll(), { once: true });
  }

  add(pair: FilePair): void {
    this.#current.pairs.push(pair);
    this.#outcomes.push(null);
    if (this.#current.pairs.length >= BATCH_PAIRS) this.#seal();
  }

  /** Starts the pool's workers on batches as they fill (worth it for thousands of files only). */
  useWorkers(): void {
    if (this.#lanes.length > 0) return;
    for (let lane = 0; lane < QUICK_WORKERS * PIPELINE; lane++) this.#lanes.push(this.#workerLane());
  }

  /**
   * Every pair's outcome, in the order added, once this thread and the workers have done them all.
   * `onBatch` hears how many pairs are settled (not null) so far.
   */
  async finish(onBatch: (settledSoFar: number) => void): Promise<PairOutcome[]> {
    this.#onBatch = onBatch;
    this.#seal();
    this.#closed = true;
    this.#wakeAll();
    for (let batch = this.#next(); batch && !this.#signal.aborted; batch = this.#next()) {
      for (let at = 0; at < batch.pairs.length && !this.#signal.aborted; at++) {
        await takeTurns();
        const { pathA, pathB } = batch.pairs[at]!;
        this.#outcomes[batch.start + at] = quickCompare(pathA, pathB);
      }
      this.#finished(batch);
      // The workers' answers are taken, and their next batches sent, between this thread's batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(this.#lanes);
    if (this.#signal.aborted) throw cancelled();
    return this.#outcomes;
  }

  /**
   * This thread's next batch: one not sent yet, else the last one sent that no worker has begun
   * (workers begin theirs in the order sent).
   */
  #next(): Batch | undefined {
    const unsent = this.#ready.shift();
    if (unsent) return unsent;
    for (let at = this.#sent.length - 1; at >= 0; at--) {
      if (claimBatch(this.#sent[at]!.claim)) return this.#sent[at];
    }
    return undefined;
  }

  #seal(): void {
    if (this.#current.pairs.length === 0) return;
    this.#ready.push(this.#current);
    this.#current = newBatch(this.#outcomes.length);
    this.#idle.shift()?.();
  }

  #wakeAll(): void {
    for (const wake of this.#idle.splice(0)) wake();
  }

  async #workerLane(): Promise<void> {
    while (!this.#signal.aborted) {
      const batch = this.#ready.shift();
      if (!batch) {
        if (this.#closed) return;
        await new Promise<void>((wake) => this.#idle.push(wake));
        continue;
      }
      this.#sent.push(batch);
      const job = { kind: 'quick-compare', pairs: batch.pairs, claim: batch.claim } as const;
      const message = await hashPool.run(job, IGNORE_PROGRESS, this.#signal, QUICK_WORKERS);
      this.#sent.splice(this.#sent.indexOf(batch), 1);
      if (message.type === 'quick-compared') {
        // None: this thread took the batch back, and ran it.
        if (message.outcomes === null) continue;
        message.outcomes.forEach((outcome, at) => (this.#outcomes[batch.start + at] = outcome));
      }
      // After an error the pairs stay unsettled: they are compared the general way.
      this.#finished(batch);
    }
  }

  #finished(batch: Batch): void {
    for (let at = batch.start; at < batch.start + batch.pairs.length; at++) {
      if (this.#outcomes[at] !== null) this.#settled++;
    }
    this.#onBatch(this.#settled);
  }
}
