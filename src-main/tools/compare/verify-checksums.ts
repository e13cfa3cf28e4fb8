import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import type { CompareProgress, VerifyLine, VerifyResult, verifyInput } from '../../contract/compare.ts';
import type { HandlerContext } from '../../core/handlers.ts';
import { cancelled } from '../../core/suite-error.ts';
import { readChecksumFile } from './checksum-file.ts';
import type { ChecksumEntry } from './checksum-file.ts';
import { IN_FLIGHT, hashPool } from './hash-pool.ts';
import { mapLimited } from './map-limited.ts';
import { displayName, fsPath } from './name-bytes.ts';
import { ProgressTracker } from './progress-tracker.ts';

/**
 * Verifies every line of a SHA256SUMS-style file, with paths relative to that file, as `sha256sum -c`
 * does (and with its --strict and --ignore-missing): same lines read, same verdict, same exit status.
 */
export async function verifyChecksums(
  { sumsFile, strict, ignoreMissing }: z.output<typeof verifyInput>,
  { signal, progress }: HandlerContext<CompareProgress>,
): Promise<VerifyResult> {
  const { entries, improper } = await readChecksumFile(sumsFile, signal);
  const base = await baseFolder(sumsFile);
  const tracker = new ProgressTracker(progress);
  let done = 0;
  const lines = await mapLimited(entries, IN_FLIGHT, async (entry) => {
    const line = await verifyEntry(entry, base, ignoreMissing, tracker, signal);
    tracker.files(++done, entries.length);
    return line;
  }).finally(() => tracker.close());
  if (signal.aborted) throw cancelled();
  const count = (...statuses: VerifyLine['status'][]): number =>
    lines.filter((line) => statuses.includes(line.status)).length;
  const ok = count('OK');
  const failed = count('FAILED');
  const unreadable = count('MISSING', 'UNREADABLE');
  const skipped = count('SKIPPED');
  // sha256sum -c's own test of success (md5sum.c, digest_check).
  const verified =
    entries.length > 0 &&
    failed === 0 &&
    unreadable === 0 &&
    (!strict || improper.length === 0) &&
    (!ignoreMissing || ok > 0);
  const summary = summarize({
    sumsFile,
    entries: entries.length,
    ok,
    failed,
    unreadable,
    skipped,
    improper: improper.length,
    strict,
    ignoreMissing,
  });
  return {
    sumsFile,
    lines,
    improper,
    ok,
    failed,
    unreadable,
    skipped,
    strict,
    ignoreMissing,
    verdict: verified ? 'verified' : 'failed',
    summary,
  };
}

interface Counts {
  sumsFile: string;
  entries: number;
  ok: number;
  failed: number;
  unreadable: number;
  skipped: number;
  improper: number;
  strict: boolean;
  ignoreMissing: boolean;
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

function summarize(counts: Counts): string {
  const notUnderstood =
    counts.improper === 0
      ? ''
      : ` ${plural(counts.improper, 'line is', 'lines are')} not a checksum line${counts.strict ? ', which --strict counts as a failure' : ''}.`;
  if (counts.entries === 0) {
    return `${displayName(counts.sumsFile)} has no properly formatted checksum lines; nothing was verified.${notUnderstood}`;
  }
  const skipped =
    counts.skipped === 0
      ? ''
      : ` ${plural(counts.skipped, 'missing file was', 'missing files were')} skipped.`;
  const bad = counts.failed + counts.unreadable;
  if (bad === 0 && counts.ignoreMissing && counts.ok === 0) {
    return `No file was verified: every listed file is missing.${notUnderstood}`;
  }
  if (bad === 0) {
    return `${counts.ok === 1 ? 'The 1 file' : `All ${counts.ok} files`} verified OK.${skipped}${notUnderstood}`;
  }
  const parts = [];
  if (counts.failed > 0) parts.push(`${plural(counts.failed, 'checksum', 'checksums')} did NOT match`);
  if (counts.unreadable > 0) parts.push(`${plural(counts.unreadable, 'file', 'files')} could not be read`);
  return `${bad} of ${plural(counts.entries - counts.skipped, 'file', 'files')} did not verify: ${parts.join(', ')}.${skipped}${notUnderstood}`;
}

/**
 * The folder the listed names are relative to: the checksum file's own, except for standard input
 * and pipes (`verify - < SUMS`, `verify <(sha256sum …)`), whose folder is /dev or /proc: there,
 * as for sha256sum -c, the folder the command runs in. The folder is the checksum file's path as
 * given, less its last name: `..` in it is left to the file system (through links), as the file
 * itself was opened.
 */
async function baseFolder(sumsFile: string): Promise<string> {
  const regular = await stat(fsPath(sumsFile)).then(
    (info) => info.isFile(),
    () => false,
  );
  return regular && !/^\/(dev|proc)\//.test(resolve(sumsFile)) ? dirname(sumsFile) : '.';
}

/**
 * A listed name's path: absolute as it is, else under the base folder. Never normalized: `lk/../a`
 * is `a` beside the folder `lk` links to, `a/` is no file when `a` is one, as sha256sum -c finds.
 */
function listedPath(base: string, name: string): string {
  return isAbsolute(name) ? name : `${base}/${name}`;
}

/**
 * What a listed name is when it is neither a file nor a folder: sha256sum -c would block on a FIFO
 * forever and read /dev/zero without end, so such entries are reported unread instead.
 */
async function specialKind(path: string): Promise<string | null> {
  const info = await stat(fsPath(path)).catch(() => null);
  if (!info || info.isFile() || info.isDirectory()) return null;
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}

async function doesNotExist(path: string): Promise<boolean> {
  return stat(fsPath(path)).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
  );
}

async function verifyEntry(
  entry: ChecksumEntry,
  base: string,
  ignoreMissing: boolean,
  tracker: ProgressTracker,
  signal: AbortSignal,
): Promise<VerifyLine> {
  const path = listedPath(base, entry.name);
  // Labelled by line: a file listed twice is two tasks, and the page keys its progress rows by label.
  const common = {
    line: entry.line,
    path: entry.name,
    algorithm: entry.candidates[0]!,
    candidates: entry.candidates,
    expected: entry.digest,
  };
  if (entry.tooLong) {
    const message = `Line ${entry.line}: the name is longer than 64 KiB, so no file has it.`;
    return { ...common, actual: null, status: 'UNREADABLE', message };
  }
  const special = await specialKind(path);
  if (special) {
    const message = `${displayName(entry.name)} is ${special}, not a regular file: not read, as it could block or never end.`;
    return { ...common, actual: null, status: 'UNREADABLE', message };
  }
  const task = tracker.task(`Line ${entry.line}: ${displayName(entry.name)}`, displayName(path));
  const message = await hashPool.run({ kind: 'hash', path, algorithms: entry.candidates }, task, signal);
  task.remove();
  if (message.type === 'hashed') {
    const matched = entry.candidates.find((algorithm) => message.digests[algorithm] === entry.digest);
    const algorithm = matched ?? common.algorithm;
    const actual = message.digests[algorithm] ?? null;
    return { ...common, algorithm, actual, status: matched ? 'OK' : 'FAILED', message: null };
  }
  if (message.type === 'error') {
    const missing = message.error.code === 'NOT_FOUND';
    // As sha256sum --ignore-missing: only what does not exist is skipped; a path through a file
    // (ENOTDIR, also "not found" here) still fails.
    const skipped = missing && ignoreMissing && (await doesNotExist(path));
    const status = skipped ? 'SKIPPED' : missing ? 'MISSING' : 'UNREADABLE';
    return { ...common, actual: null, status, message: message.error.message };
  }
  return { ...common, actual: null, status: 'UNREADABLE', message: 'Cancelled.' };
}
