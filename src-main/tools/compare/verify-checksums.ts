import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import type { CompareProgress, VerifyLine, VerifyResult, verifyInput } from '../../contract/compare.ts';
import type { HandlerContext } from '../../core/handlers.ts';
import { SuiteError, cancelled, fileError } from '../../core/suite-error.ts';
import { parseChecksums } from './checksum-file.ts';
import type { ChecksumEntry } from './checksum-file.ts';
import { ProgressTracker } from './progress-tracker.ts';
import { runJob } from './run-job.ts';

/** Files hashed at once: one per core on the machines this runs on. */
const PARALLEL = 2;

/** Verifies every line of a SHA256SUMS-style file, with paths relative to that file, like `sha256sum -c`. */
export async function verifyChecksums(
  { sumsFile }: z.output<typeof verifyInput>,
  { signal, progress }: HandlerContext<CompareProgress>,
): Promise<VerifyResult> {
  let text: string;
  try {
    text = await readFile(sumsFile, 'utf8');
  } catch (error) {
    throw fileError(error, sumsFile);
  }
  const { entries, malformed } = parseChecksums(text, sumsFile);
  if (entries.length === 0) {
    throw new SuiteError('BAD_INPUT', `${sumsFile} has no properly formatted checksum lines.`);
  }
  const base = dirname(resolve(sumsFile));
  const tracker = new ProgressTracker(progress);
  const lines: VerifyLine[] = new Array(entries.length);
  let next = 0;
  const verifyNext = async (): Promise<void> => {
    while (next < entries.length && !signal.aborted) {
      const index = next++;
      lines[index] = await verifyEntry(entries[index]!, base, tracker, signal);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, verifyNext)).finally(() => tracker.close());
  if (signal.aborted) throw cancelled();
  const ok = lines.filter((line) => line.status === 'OK').length;
  const failed = lines.length - ok;
  const summary =
    failed === 0
      ? `All ${ok} ${ok === 1 ? 'file' : 'files'} OK.`
      : `${failed} of ${lines.length} ${lines.length === 1 ? 'file' : 'files'} did not verify.`;
  return { sumsFile, lines, malformed, ok, failed, summary };
}

async function verifyEntry(
  entry: ChecksumEntry,
  base: string,
  tracker: ProgressTracker,
  signal: AbortSignal,
): Promise<VerifyLine> {
  const path = isAbsolute(entry.path) ? entry.path : resolve(base, entry.path);
  const task = tracker.task(entry.path, path);
  const message = await runJob({ kind: 'hash', path, algorithms: [entry.algorithm] }, task, signal);
  task.remove();
  const common = { line: entry.line, path: entry.path, algorithm: entry.algorithm, expected: entry.digest };
  if (message.type === 'hashed') {
    const actual = message.digests[entry.algorithm] ?? null;
    return { ...common, actual, status: actual === entry.digest ? 'OK' : 'FAILED', message: null };
  }
  if (message.type === 'error') {
    const status = message.error.code === 'NOT_FOUND' ? 'MISSING' : 'UNREADABLE';
    return { ...common, actual: null, status, message: message.error.message };
  }
  return { ...common, actual: null, status: 'UNREADABLE', message: 'Cancelled.' };
}
