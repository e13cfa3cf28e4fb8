import type { Algorithm } from '../../contract/compare.ts';
import type { ErrorInfo } from '../../contract/errors.ts';

/** Bytes read per step: small enough to stay in cache while every hasher reads it. */
export const CHUNK_SIZE = 256 * 1024;

/** One file, read once, fed to every chosen algorithm. */
export interface HashJob {
  kind: 'hash';
  path: string;
  algorithms: Algorithm[];
}

/**
 * Two files read side by side in one worker, compared byte for byte and (when algorithms are given)
 * hashed from the same reads, so a pipe is read once for everything asked of it.
 */
export interface CompareJob {
  kind: 'compare';
  pathA: string;
  pathB: string;
  algorithms: Algorithm[];
  /**
   * A folder compare's pair, listed as regular files: anything else found there now (a FIFO put in
   * its place meanwhile) is refused, and never opened in a way that could block.
   */
  regularFilesOnly?: boolean;
}

/**
 * Many pairs of files of a folder compare, settled in one batch where that is quick (quick-compare.ts):
 * a message per file would cost more than reading it.
 */
export interface QuickCompareJob {
  kind: 'quick-compare';
  pairs: { pathA: string; pathB: string }[];
  /**
   * One Int32: whoever claims it first runs the batch (claimBatch), the worker or the calling thread,
   * which takes back batches a worker has not begun once it has none of its own left.
   */
  claim: SharedArrayBuffer;
}

export type Job = HashJob | CompareJob | QuickCompareJob;

/** Per pair of a QuickCompareJob: identical; of different sizes (not read); or null, left to a compare job. */
export type PairOutcome = 'identical' | { sizeA: number; sizeB: number } | null;

/** What the pool sends a worker: the job and an Int32 flag the main side sets to 1 to cancel. */
export interface JobRequest {
  id: number;
  job: Job;
  cancel: SharedArrayBuffer;
}

export type Digests = Partial<Record<Algorithm, string>>;

export type ExactOutcome =
  | { verdict: 'identical'; size: number }
  /** offset counts from 0; line from 1, as cmp counts lines. */
  | { verdict: 'different'; offset: number; byteA: number; byteB: number; line: number }
  /**
   * The shorter file ends (after `size` bytes) where the other goes on, identical up to there. As cmp
   * says it: "after byte N, line L" when the last byte ends line L, else "in line L".
   */
  | { verdict: 'eof'; shorter: 'A' | 'B'; size: number; line: number; inLine: boolean };

export interface SideOutcome {
  size: number;
  digests: Digests;
}

export type WorkerMessage =
  | { type: 'start'; totalBytes: number | null }
  | { type: 'progress'; bytesDone: number }
  | { type: 'hashed'; size: number; digests: Digests }
  | { type: 'compared'; exact: ExactOutcome; a: SideOutcome | null; b: SideOutcome | null }
  /** `outcomes` null: the calling thread had taken the batch back, and ran it. */
  | { type: 'quick-compared'; outcomes: PairOutcome[] | null }
  | { type: 'cancelled' }
  | { type: 'error'; error: ErrorInfo; side?: 'A' | 'B' };

export type FinalMessage = Extract<
  WorkerMessage,
  { type: 'hashed' | 'compared' | 'quick-compared' | 'cancelled' | 'error' }
>;

/** A worker's message about the job `id`. */
export interface WorkerReply {
  id: number;
  message: WorkerMessage;
}
