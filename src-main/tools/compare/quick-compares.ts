import { cancelled } from '../../core/suite-error.ts';
import { takeTurns } from './event-loop-turn.ts';
import { IN_FLIGHT, hashPool } from './hash-pool.ts';
import { quickCompare } from './quick-compare.ts';
import type { PairOutcome, QuickCompareJob } from './worker-protocol.ts';

type FilePair = QuickCompareJob['pairs'][number];

interface Batch {
  /** Index of its first pair, in the order pairs were added. */
  start: number;
  pairs: FilePair[];
}

/** Pairs per batch: a few milliseconds of work, so the last batches even out between threads. */
const BATCH_PAIRS = 128;

const IGNORE_PROGRESS = { start: () => {}, progress: () => {} };

/**
 * The quick compares (quick-compare.ts) of a folder compare's file pairs, spread over the machine's
 * cores. Pairs are added while the caller still walks the second folder; with `useWorkers()`, full
 * batches go to the hash pool's workers at once, and `finish()` has this thread take the batches left
 * too, so no core waits.
 */
export class QuickCompares {
  readonly #signal: AbortSignal;
  readonly #outcomes: PairOutcome[] = [];
  readonly #ready: Batch[] = [];
  #current: Batch = { start: 0, pairs: [] };
  #settled = 0;
  #onBatch: (settledSoFar: number) => void = () => {};
  /**
   * Worker lanes (IN_FLIGHT: a few batches queued per worker), each waiting for a batch or running
   * one; woken when one is ready or all are added.
   */
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
    for (let lane = 0; lane < IN_FLIGHT; lane++) this.#lanes.push(this.#workerLane());
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
    for (let batch = this.#ready.shift(); batch && !this.#signal.aborted; batch = this.#ready.shift()) {
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

  #seal(): void {
    if (this.#current.pairs.length === 0) return;
    this.#ready.push(this.#current);
    this.#current = { start: this.#outcomes.length, pairs: [] };
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
      const job = { kind: 'quick-compare', pairs: batch.pairs } as const;
      const message = await hashPool.run(job, IGNORE_PROGRESS, this.#signal);
      if (message.type === 'quick-compared') {
        message.outcomes.forEach((outcome, at) => (this.#outcomes[batch.start + at] = outcome));
      }
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
