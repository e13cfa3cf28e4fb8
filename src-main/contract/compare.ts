import { z } from 'zod';
import { channel } from './define.ts';
import { ALGORITHMS } from './compare-constants.ts';
import type { Algorithm } from './compare-constants.ts';
import type { ErrorInfo } from './errors.ts';

// Re-exported for main-side code; the renderer imports them from compare-constants.ts (no zod).
export { ALGORITHMS, ALGORITHM_LABELS } from './compare-constants.ts';
export type { Algorithm } from './compare-constants.ts';

/** Paths are taken exactly as typed: a name may begin or end with a space. */
const path = z.string().max(4096);

export const compareInput = z
  .object({
    fileA: path.min(1, 'Choose File 1.'),
    fileB: path.default(''),
    algorithms: z.array(z.enum(ALGORITHMS)).max(ALGORITHMS.length).default(['sha256']),
    exact: z.boolean().default(false),
    expected: z.string().trim().max(4096).default(''),
  })
  .refine((input) => input.algorithms.length > 0 || input.exact || input.expected !== '', {
    message: 'Choose at least one algorithm, Exact compare, or an expected digest.',
  });

export const verifyInput = z.object({
  sumsFile: path.min(1, 'Choose a checksum file.'),
  /** As `sha256sum -c --strict`: improperly formatted lines make the verification fail. */
  strict: z.boolean().default(false),
  /** As `--ignore-missing`: a listed file that does not exist is skipped, not a failure. */
  ignoreMissing: z.boolean().default(false),
});

export const hashInput = z.object({
  paths: z.array(path.min(1, 'A path is empty.')).min(1, 'Choose at least one file.').max(1_000_000),
  algorithms: z.array(z.enum(ALGORITHMS)).min(1).max(ALGORITHMS.length).default(['sha256']),
  /** Walk folders: their regular files, sorted bytewise by path. */
  recursive: z.boolean().default(false),
  /** While walking, follow symbolic links (a link that loops is reported, not followed). */
  follow: z.boolean().default(false),
  /** The checksum file's lines: `hex  name` as sha256sum writes them, or its --tag lines. */
  format: z.enum(['gnu', 'bsd']).default('gnu'),
});

export const foldersInput = z.object({
  dirA: path.min(1, 'Choose folder 1.'),
  dirB: path.min(1, 'Choose folder 2.'),
});

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
  /** Verification: entries finished and in all ("n of N files"). */
  filesDone?: number;
  filesTotal?: number;
  /**
   * Hashing many files: the files finished since the last event, in input order, each event going
   * on where the last one ended (so results stream in order while later files are still read).
   */
  hashed?: HashedFile[];
}

export interface FileReport {
  label: 'File 1' | 'File 2';
  path: string;
  /** read; unreadable (see error); not-read when nothing asked for this file to be read. */
  state: 'read' | 'unreadable' | 'not-read';
  /** Bytes read; null when the file was not read. */
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

/** Byte-for-byte comparison as cmp reports it; `message` says it in words, bytes numbered from 1. */
export type ExactReport =
  | { verdict: 'identical'; size: number; message: string }
  | {
      verdict: 'different';
      /** 1-based, as cmp prints it. */
      byte: number;
      /** 0-based, as an offset into the file. */
      offset: number;
      line: number;
      byteA: number;
      byteB: number;
      message: string;
    }
  | {
      /** One file is a prefix of the other: it ends after `byte` bytes (cmp's "EOF on X after byte N"). */
      verdict: 'eof';
      shorter: 'File 1' | 'File 2';
      byte: number;
      line: number;
      message: string;
    }
  | { verdict: 'error'; error: ErrorInfo; message: string };

export interface ExpectedReport {
  given: string;
  /** How the paste was read: hex, base64, SRI (base64), checksum line, BSD checksum line. */
  form: string;
  /** The algorithms that fit what was pasted, all of which were tried. */
  candidates: Algorithm[];
  matched: Algorithm | null;
  /** match or differ; unknown when File 1 could not be read. */
  verdict: 'match' | 'differ' | 'unknown';
  message: string;
}

export interface CompareResult {
  files: FileReport[];
  rows: DigestRow[];
  exact: ExactReport | null;
  expected: ExpectedReport | null;
  /**
   * match: everything compared agrees; differ: something does not; incomplete: a file could not be
   * read, so no verdict; hashed: digests only, nothing compared.
   */
  verdict: 'match' | 'differ' | 'incomplete' | 'hashed';
  summary: string;
  elapsedMs: number;
}

/**
 * OK and FAILED as sha256sum says them; MISSING and UNREADABLE are its "FAILED open or read";
 * SKIPPED: missing under ignoreMissing.
 */
export type VerifyStatus = 'OK' | 'FAILED' | 'MISSING' | 'UNREADABLE' | 'SKIPPED';

export interface VerifyLine {
  line: number;
  path: string;
  /** The algorithm that matched, else the first one tried. */
  algorithm: Algorithm;
  /** Every algorithm tried (several when the digest's length fits several and nothing says which). */
  candidates: Algorithm[];
  expected: string;
  actual: string | null;
  status: VerifyStatus;
  message: string | null;
}

export interface ImproperLine {
  line: number;
  reason: string;
}

export interface VerifyResult {
  sumsFile: string;
  lines: VerifyLine[];
  /** Lines that are not checksum lines (sha256sum's "improperly formatted"). */
  improper: ImproperLine[];
  ok: number;
  failed: number;
  /** Missing or unreadable (sha256sum's "listed files could not be read"). */
  unreadable: number;
  skipped: number;
  strict: boolean;
  ignoreMissing: boolean;
  /** verified: sha256sum -c would exit 0; failed: it would exit 1. */
  verdict: 'verified' | 'failed';
  summary: string;
}

export interface HashedFile {
  path: string;
  /** Not hashed on purpose: a FIFO, socket or device met while walking a folder. */
  skipped: boolean;
  /** Bytes read; null when the file could not be read or changed while it was read. */
  size: number | null;
  digests: Partial<Record<Algorithm, string>>;
  error: ErrorInfo | null;
}

export interface HashResult {
  /** In the order the paths were given. */
  files: HashedFile[];
  /** Files without digests (unreadable, or changed while read). */
  failed: number;
  /** A checksum file of every hashed file, one line per algorithm, that sha256sum -c (etc.) accepts. */
  text: string;
}

/**
 * One path of two folders compared: identical; changed (content, or a link's target); added (only
 * in folder 2); removed (only in folder 1); type-changed (a file in one, a folder in the other …);
 * skipped (a FIFO, socket or device on both sides: not read); error (could not be read).
 */
export type FolderEntryStatus =
  'identical' | 'changed' | 'added' | 'removed' | 'type-changed' | 'skipped' | 'error';

export interface FolderEntry {
  /** Path relative to both folders, with "/" between names. */
  relative: string;
  status: FolderEntryStatus;
  /** file, folder, symlink, fifo … on each side; null where absent. */
  kindA: string | null;
  kindB: string | null;
  /** Why it is changed (sizes differ, first differing byte), or the error. */
  detail: string | null;
}

export interface FolderCompareResult {
  dirA: string;
  dirB: string;
  entries: FolderEntry[];
  counts: Record<FolderEntryStatus, number>;
  /** identical: diff -rq would exit 0; differ: 1; incomplete: something could not be read (2). */
  verdict: 'identical' | 'differ' | 'incomplete';
  summary: string;
}

export const compareChannels = {
  'compare.files': channel<CompareResult, CompareProgress>()(
    compareInput,
    'Hash one or two files with the chosen algorithms in one read each, optionally byte for byte',
  ),
  'compare.hash': channel<HashResult, CompareProgress>()(
    hashInput,
    'Hash many files in the worker pool, each read once for every chosen algorithm; going on past failures',
  ),
  'compare.folders': channel<FolderCompareResult, CompareProgress>()(
    foldersInput,
    'Compare two folders like diff -rq: files paired by relative path, added, removed, changed, identical',
  ),
  'compare.verify': channel<VerifyResult, CompareProgress>()(
    verifyInput,
    'Verify a GNU or BSD checksum file such as SHA256SUMS',
  ),
};
