import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Algorithm } from '../../contract/compare.ts';
import { SuiteError, cancelled, fileError } from '../../core/suite-error.ts';
import { hintFromFileName } from './algorithm-names.ts';
import { readChecksumLine, readSidecarDigest } from './checksum-line.ts';
import type { FileReadingState, LineReading } from './checksum-line.ts';
import { displayName, fsPath } from './name-bytes.ts';

export interface ChecksumEntry {
  line: number;
  /** The name as written (after unescaping); bytes that are not UTF-8 kept as in name-bytes.ts. */
  name: string;
  digest: string;
  /** Algorithms to try, in order; one for a tagged line or a file whose name declares it. */
  candidates: Algorithm[];
  /**
   * The line was longer than MAX_LINE_BYTES: `name` is cut short. No file can have such a name
   * (PATH_MAX is 4 KiB), so it cannot verify, as sha256sum -c's open fails on it.
   */
  tooLong?: true;
}

export interface ImproperLine {
  line: number;
  reason: string;
}

export interface ParsedChecksums {
  entries: ChecksumEntry[];
  improper: ImproperLine[];
}

/** A checksum file larger than this is refused: it is most likely not one (or /dev/zero). */
export const MAX_SUMS_BYTES = 64 * 1024 * 1024;
/** A line longer than this is counted improper without being kept in memory. */
const MAX_LINE_BYTES = 64 * 1024;
const READ_SIZE = 1024 * 1024;

/** Collects line readings into entries and improper lines; a lone bare digest makes a sidecar. */
class ChecksumCollector {
  readonly parsed: ParsedChecksums = { entries: [], improper: [] };
  readonly #state: FileReadingState;
  readonly #fileName: string;
  #lineNumber = 0;
  #firstImproperLine: Buffer | null = null;

  constructor(fileName: string) {
    this.#fileName = fileName;
    this.#state = { bsdReversed: -1, hint: hintFromFileName(fileName) };
  }

  /** `line` is null for a line too long to keep; `head` is then its first MAX_LINE_BYTES. */
  add(line: Buffer | null, head?: Buffer): void {
    this.#lineNumber++;
    const reading: LineReading = line === null ? this.#overlong(head) : readChecksumLine(line, this.#state);
    if (reading.kind === 'entry') {
      const { name, digest, candidates } = reading;
      const entry: ChecksumEntry = { line: this.#lineNumber, name, digest, candidates };
      if (line === null) entry.tooLong = true;
      this.parsed.entries.push(entry);
    } else if (reading.kind === 'improper') {
      if (this.parsed.improper.length === 0 && line) this.#firstImproperLine = Buffer.from(line);
      this.parsed.improper.push({ line: this.#lineNumber, reason: reading.reason });
    }
  }

  /** A digest and the start of a name is an entry that fails; anything else is improper. */
  #overlong(head: Buffer | undefined): LineReading {
    const reading = head ? readChecksumLine(head, this.#state) : null;
    return reading?.kind === 'entry'
      ? reading
      : { kind: 'improper', reason: `longer than ${MAX_LINE_BYTES / 1024} KiB` };
  }

  finish(): ParsedChecksums {
    const { entries, improper } = this.parsed;
    if (entries.length === 0 && improper.length === 1 && this.#firstImproperLine) {
      const sidecar = readSidecarDigest(this.#firstImproperLine, this.#fileName, this.#state.hint);
      if (sidecar?.kind === 'entry') {
        const { name, digest, candidates } = sidecar;
        return { entries: [{ line: improper[0]!.line, name, digest, candidates }], improper: [] };
      }
    }
    return this.parsed;
  }
}

/** Splits a byte stream into lines without keeping more than one line (≤ MAX_LINE_BYTES) at a time. */
class LineSplitter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #overlong = false;
  #head: Buffer | undefined;
  readonly #emit: (line: Buffer | null, head?: Buffer) => void;

  constructor(emit: (line: Buffer | null, head?: Buffer) => void) {
    this.#emit = emit;
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      this.#keep(chunk.subarray(start, end));
      if (newline === -1) return;
      this.#endLine();
      start = newline + 1;
    }
  }

  end(): void {
    if (this.#pendingBytes > 0 || this.#overlong) this.#endLine();
  }

  #keep(part: Buffer): void {
    if (this.#overlong || part.length === 0) return;
    if (this.#pendingBytes + part.length > MAX_LINE_BYTES) {
      this.#overlong = true;
      this.#pending.push(part.subarray(0, MAX_LINE_BYTES - this.#pendingBytes));
      this.#head = Buffer.concat(this.#pending, MAX_LINE_BYTES);
      this.#pending = [];
      this.#pendingBytes = 0;
      return;
    }
    this.#pending.push(Buffer.from(part));
    this.#pendingBytes += part.length;
  }

  #endLine(): void {
    if (this.#overlong) this.#emit(null, this.#head);
    else this.#emit(Buffer.concat(this.#pending, this.#pendingBytes));
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#overlong = false;
    this.#head = undefined;
  }
}

/**
 * Reads a checksum file as a stream, line by line, as GNU coreutils reads it (see checksum-line.ts),
 * without blocking the event loop and refusing more than MAX_SUMS_BYTES with one sentence.
 */
export async function readChecksumFile(path: string, signal: AbortSignal): Promise<ParsedChecksums> {
  const shown = displayName(path);
  const collector = new ChecksumCollector(basename(path));
  const splitter = new LineSplitter((line, head) => collector.add(line, head));
  let handle;
  try {
    handle = await open(fsPath(path), 'r');
    if ((await handle.stat()).isDirectory())
      throw new SuiteError('IS_DIRECTORY', `${shown} is a folder, not a checksum file.`);
  } catch (error) {
    await handle?.close();
    throw fileError(error, shown);
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    let total = 0;
    for (;;) {
      if (signal.aborted) throw cancelled();
      const { bytesRead } = await handle.read(buffer, 0, READ_SIZE, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_SUMS_BYTES) {
        throw new SuiteError(
          'BAD_INPUT',
          `${shown} is larger than ${MAX_SUMS_BYTES / 1024 / 1024} MiB, too large for a checksum file.`,
        );
      }
      splitter.push(buffer.subarray(0, bytesRead));
    }
    splitter.end();
  } catch (error) {
    throw fileError(error, shown);
  } finally {
    await handle.close();
  }
  return collector.finish();
}

/** The same reading for text already in memory (the first kilobyte of a file opened from outside). */
export function parseChecksums(text: string, sumsFileName: string): ParsedChecksums {
  const collector = new ChecksumCollector(basename(sumsFileName));
  const splitter = new LineSplitter((line, head) => collector.add(line, head));
  splitter.push(Buffer.from(text, 'utf8'));
  splitter.end();
  return collector.finish();
}
