import { z } from 'zod';
import { channel } from './define.ts';
import type { ErrorInfo } from './errors.ts';

export const ALGORITHMS = [
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'sha3-256',
  'blake2b-512',
  'blake3',
  'crc32',
  'xxh64',
] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** How each algorithm is named to people (and in BSD-style checksum lines). */
export const ALGORITHM_LABELS: Record<Algorithm, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  'sha3-256': 'SHA3-256',
  'blake2b-512': 'BLAKE2b-512',
  blake3: 'BLAKE3',
  crc32: 'CRC32',
  xxh64: 'XXH64',
};

const path = z.string().trim().max(4096);

export const compareInput = z
  .object({
    fileA: path.min(1, 'Choose File 1.'),
    fileB: path.default(''),
    algorithms: z.array(z.enum(ALGORITHMS)).max(ALGORITHMS.length).default(['sha256']),
    exact: z.boolean().default(false),
    expected: z.string().trim().max(300).default(''),
  })
  .refine((input) => input.algorithms.length > 0 || input.exact || input.expected !== '', {
    message: 'Choose at least one algorithm, Exact compare, or an expected digest.',
  });

export const verifyInput = z.object({ sumsFile: path.min(1, 'Choose a checksum file.') });

export interface TaskProgress {
  label: string;
  path: string;
  bytesDone: number;
  /** null for a pipe or device, whose size is not known in advance. */
  totalBytes: number | null;
  bytesPerSecond: number;
  secondsLeft: number | null;
}

export interface CompareProgress {
  tasks: TaskProgress[];
}

export interface FileReport {
  label: 'File 1' | 'File 2';
  path: string;
  /** Bytes read; null when the file could not be read. */
  size: number | null;
  digests: Partial<Record<Algorithm, string>>;
  error: ErrorInfo | null;
}

export interface DigestRow {
  algorithm: Algorithm;
  a: string | null;
  b: string | null;
  /** null when one side is missing. */
  match: boolean | null;
}

export type ExactReport =
  | { verdict: 'identical'; size: number }
  | { verdict: 'different'; offset: number; byteA: number; byteB: number }
  | { verdict: 'size-differs'; sizeA: number; sizeB: number; message: string }
  | { verdict: 'error'; error: ErrorInfo };

export interface ExpectedReport {
  given: string;
  /** The algorithms whose digest length and prefix fit what was pasted. */
  candidates: Algorithm[];
  matched: Algorithm | null;
  message: string;
}

export interface CompareResult {
  files: FileReport[];
  rows: DigestRow[];
  exact: ExactReport | null;
  expected: ExpectedReport | null;
  /** match: everything chosen agrees; differ: something does not; incomplete: a file could not be read. */
  verdict: 'match' | 'differ' | 'incomplete' | 'hashed';
  summary: string;
  elapsedMs: number;
}

export type VerifyStatus = 'OK' | 'FAILED' | 'MISSING' | 'UNREADABLE';

export interface VerifyLine {
  line: number;
  path: string;
  algorithm: Algorithm;
  expected: string;
  actual: string | null;
  status: VerifyStatus;
  message: string | null;
}

export interface VerifyResult {
  sumsFile: string;
  lines: VerifyLine[];
  /** Lines that are neither GNU nor BSD checksum lines. */
  malformed: number[];
  ok: number;
  failed: number;
  summary: string;
}

export const compareChannels = {
  'compare.files': channel<CompareResult, CompareProgress>()(
    compareInput,
    'Hash one or two files with the chosen algorithms in one read each, optionally byte for byte',
  ),
  'compare.verify': channel<VerifyResult, CompareProgress>()(
    verifyInput,
    'Verify a GNU or BSD checksum file such as SHA256SUMS',
  ),
};
