import type { z } from 'zod';
import { ALGORITHM_LABELS, ALGORITHMS } from '../../contract/compare.ts';
import type {
  Algorithm,
  CompareProgress,
  CompareResult,
  DigestRow,
  ExactReport,
  ExpectedReport,
  FileReport,
  compareInput,
} from '../../contract/compare.ts';
import type { HandlerContext } from '../../core/handlers.ts';
import { SuiteError, cancelled } from '../../core/suite-error.ts';
import { parseExpectedDigest } from './expected-digest.ts';
import type { ParsedDigest } from './expected-digest.ts';
import { formatBytes, listWords } from '../../contract/format.ts';
import { ProgressTracker } from './progress-tracker.ts';
import { runJob } from './run-job.ts';
import type { FinalMessage } from './run-job.ts';

export type CompareRequest = z.output<typeof compareInput>;

/**
 * Hashes File 1 and File 2 in parallel worker threads, each read once for every chosen algorithm,
 * and optionally compares them byte for byte. A file that cannot be read is reported on its own; the
 * other file's digests still come back.
 */
export async function compareFiles(
  request: CompareRequest,
  { signal, progress }: HandlerContext<CompareProgress>,
): Promise<CompareResult> {
  const started = performance.now();
  const expected = parseExpectedDigest(request.expected);
  const fileB = request.fileB === '' ? null : request.fileB;
  if (request.exact && !fileB) throw new SuiteError('BAD_INPUT', 'Exact compare needs File 2.');
  const chosen = inCanonicalOrder(request.algorithms);
  const algorithmsA = inCanonicalOrder([...chosen, ...(expected?.candidates ?? [])]);
  const tracker = new ProgressTracker(progress);

  const hash = (label: FileReport['label'], path: string, algorithms: Algorithm[]) =>
    algorithms.length === 0
      ? Promise.resolve(null)
      : runJob({ kind: 'hash', path, algorithms }, tracker.task(label, path), signal);
  const [messageA, messageB, messageExact] = await Promise.all([
    hash('File 1', request.fileA, algorithmsA),
    fileB ? hash('File 2', fileB, chosen) : null,
    request.exact && fileB
      ? runJob(
          { kind: 'exact', pathA: request.fileA, pathB: fileB },
          tracker.task('Exact compare', fileB),
          signal,
        )
      : null,
  ]).finally(() => tracker.close());
  if (signal.aborted || [messageA, messageB, messageExact].some((message) => message?.type === 'cancelled')) {
    throw cancelled();
  }

  const files = [fileReport('File 1', request.fileA, messageA)];
  if (fileB) files.push(fileReport('File 2', fileB, messageB));
  const rows: DigestRow[] = fileB
    ? chosen.map((algorithm) => {
        const a = files[0]!.digests[algorithm] ?? null;
        const b = files[1]!.digests[algorithm] ?? null;
        return { algorithm, a, b, match: a === null || b === null ? null : a === b };
      })
    : [];
  const exact = messageExact ? exactReport(messageExact) : null;
  const expectedReport = expected ? checkExpected(expected, files[0]!) : null;
  return {
    files,
    rows,
    exact,
    expected: expectedReport,
    ...verdict(files, rows, exact, expectedReport),
    elapsedMs: Math.round(performance.now() - started),
  };
}

function inCanonicalOrder(algorithms: readonly Algorithm[]): Algorithm[] {
  return ALGORITHMS.filter((algorithm) => algorithms.includes(algorithm));
}

function fileReport(label: FileReport['label'], path: string, message: FinalMessage | null): FileReport {
  if (message?.type === 'hashed')
    return { label, path, size: message.size, digests: message.digests, error: null };
  if (message?.type === 'error') return { label, path, size: null, digests: {}, error: message.error };
  return { label, path, size: null, digests: {}, error: null };
}

function exactReport(message: FinalMessage): ExactReport {
  if (message.type === 'error') return { verdict: 'error', error: message.error };
  if (message.type !== 'exact')
    return { verdict: 'error', error: { code: 'INTERNAL', message: 'No comparison result.' } };
  const result = message.result;
  if (result.verdict !== 'size-differs') return result;
  const text =
    result.shorter === null
      ? `The sizes differ: File 1 has ${formatBytes(result.sizeA)}, File 2 has ${formatBytes(result.sizeB)}.`
      : `File ${result.shorter === 'A' ? '1' : '2'} ends after ${formatBytes(Math.min(result.sizeA, result.sizeB))}; the other is longer and identical up to there.`;
  return { ...result, message: text };
}

function checkExpected(expected: ParsedDigest, file: FileReport): ExpectedReport {
  const matched = expected.candidates.find((algorithm) => file.digests[algorithm] === expected.hex) ?? null;
  const tried = listWords(
    expected.candidates.map((algorithm) => ALGORITHM_LABELS[algorithm]),
    'or',
  );
  const message = file.error
    ? `File 1 could not be read, so the expected digest was not checked.`
    : matched
      ? `File 1 matches the expected ${ALGORITHM_LABELS[matched]} digest.`
      : `File 1 does not match the expected digest (checked as ${tried}).`;
  return { given: expected.hex, candidates: expected.candidates, matched, message };
}

function verdict(
  files: FileReport[],
  rows: DigestRow[],
  exact: ExactReport | null,
  expected: ExpectedReport | null,
): Pick<CompareResult, 'verdict' | 'summary'> {
  const unreadable = files.filter((file) => file.error);
  if (unreadable.length > 0) {
    const first = unreadable[0]!;
    const readable = files.find((file) => !file.error);
    const rest = readable ? ` ${readable.label}'s results are shown.` : '';
    return {
      verdict: 'incomplete',
      summary: `${first.label} could not be read: ${first.error!.message}${rest}`,
    };
  }
  if (exact?.verdict === 'error')
    return { verdict: 'incomplete', summary: `Exact compare failed: ${exact.error.message}` };
  const differing = rows.filter((row) => row.match === false).map((row) => ALGORITHM_LABELS[row.algorithm]);
  const problems: string[] = [];
  if (differing.length > 0)
    problems.push(`${listWords(differing, 'and')} ${differing.length === 1 ? 'differs' : 'differ'}`);
  if (exact?.verdict === 'different') {
    problems.push(
      `first different byte at offset ${exact.offset.toLocaleString('en-US')} (0x${hex2(exact.byteA)} vs 0x${hex2(exact.byteB)})`,
    );
  }
  if (exact?.verdict === 'size-differs') problems.push(exact.message.replace(/\.$/, ''));
  if (expected && !expected.matched) problems.push(expected.message.replace(/\.$/, ''));
  if (problems.length > 0) {
    const subject = files.length > 1 ? 'The files differ' : 'Mismatch';
    return { verdict: 'differ', summary: `${subject}: ${problems.join('; ')}.` };
  }
  const agreements: string[] = [];
  if (rows.length > 0) {
    const names = rows.map((row) => ALGORITHM_LABELS[row.algorithm]);
    agreements.push(`${listWords(names, 'and')} ${rows.length === 1 ? 'is' : 'are'} equal`);
  }
  if (exact?.verdict === 'identical') agreements.push('byte for byte identical');
  if (expected?.matched) agreements.push(expected.message.replace(/\.$/, ''));
  if (agreements.length === 0)
    return { verdict: 'hashed', summary: `Digests of ${files[0]!.label} computed.` };
  const subject = files.length > 1 ? 'The files match' : 'Match';
  return { verdict: 'match', summary: `${subject}: ${agreements.join('; ')}.` };
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
