import type { Algorithm } from '../../contract/compare.ts';
import type { ErrorInfo } from '../../contract/errors.ts';

/** Bytes read per step: small enough to stay in cache while every hasher reads it. */
export const CHUNK_SIZE = 256 * 1024;

export interface HashJob {
  kind: 'hash';
  path: string;
  algorithms: Algorithm[];
  /** Int32 flag set to 1 by the main side to cancel. */
  cancel: SharedArrayBuffer;
}

export interface ExactJob {
  kind: 'exact';
  pathA: string;
  pathB: string;
  cancel: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'start'; totalBytes: number | null }
  | { type: 'progress'; bytesDone: number }
  | { type: 'hashed'; size: number; digests: Partial<Record<Algorithm, string>> }
  | { type: 'exact'; result: ExactOutcome }
  | { type: 'cancelled' }
  | { type: 'error'; error: ErrorInfo };

export type ExactOutcome =
  | { verdict: 'identical'; size: number }
  | { verdict: 'different'; offset: number; byteA: number; byteB: number }
  | { verdict: 'size-differs'; sizeA: number; sizeB: number; shorter: 'A' | 'B' | null };
