import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import { ALGORITHM_LABELS, ALGORITHMS } from '../../contract/compare.ts';
import type {
  Algorithm,
  CompareProgress,
  CompareResult,
  DigestRow,
  ExpectedReport,
  FileReport,
  compareInput,
} from '../../contract/compare.ts';
import type { HandlerContext } from '../../core/handlers.ts';
import { SuiteError, cancelled } from '../../core/suite-error.ts';
import { listWords } from '../../contract/format.ts';
import { exactReport } from './exact-report.ts';
import { parseExpectedDigest } from './expected-digest.ts';
import type { ParsedDigest } from './expected-digest.ts';
import { hashPool } from './hash-pool.ts';
import { fsPath } from './name-bytes.ts';
import { ProgressTracker } from './progress-tracker.ts';
import type { FinalMessage, SideOutcome } from './worker-protocol.ts';

export type CompareRequest = z.output<typeof compareInput>;

/**
 * Hashes File 1 and File 2 in the worker pool, each read once for every algorithm asked of it. With
 * Exact compare both are read side by side in one worker (so a pipe is read once for everything).
 * A verdict comes only from what was read: File 2 is compared by the chosen algorithms, byte for
 * byte, or (when nothing else is chosen) by the algorithms of the expected digest.
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
  const rowAlgorithms =
    fileB && chosen.length === 0 && !request.exact
      ? inCanonicalOrder(expected?.candidates ?? [])
      : fileB
        ? chosen
        : [];
  const algorithmsA = inCanonicalOrder([...chosen, ...(expected?.candidates ?? []), ...rowAlgorithms]);
  const tracker = new ProgressTracker(progress);

  let sideA: Outcome;
  let sideB: Outcome | null;
  let exact: CompareResult['exact'] = null;
  try {
    if (fileB && (await sameStream(request.fileA, fileB))) {
      // One pipe given twice (`compare /dev/fd/3 /dev/fd/3`) can be read only once: read it once
      // and it is identical to itself, as cmp says, instead of two readers splitting the stream.
      const algorithms = algorithmsA.length > 0 ? algorithmsA : (['crc32'] as Algorithm[]);
      const message = await hashPool.run(
        { kind: 'hash', path: request.fileA, algorithms },
        tracker.task('File 1 and File 2', request.fileA),
        signal,
      );
      if (message.type === 'cancelled') throw cancelled();
      sideA = sideB = fromHashMessage(message);
      // CRC32 only measured the stream for Exact: no digest was asked for, so none is shown.
      if (algorithmsA.length === 0 && sideA.state === 'read')
        sideA = sideB = { state: 'read', outcome: { size: sideA.outcome.size, digests: {} } };
      if (request.exact && sideA.state === 'read') {
        const size = sideA.outcome.size ?? 0;
        const report = exactReport({ verdict: 'identical', size });
        exact = { ...report, message: `Identical: File 1 and File 2 are the same stream. ${report.message}` };
      }
    } else if (request.exact && fileB) {
      const message = await hashPool.run(
        { kind: 'compare', pathA: request.fileA, pathB: fileB, algorithms: algorithmsA },
        tracker.task('Exact compare', fileB),
        signal,
      );
      if (message.type === 'cancelled') throw cancelled();
      [sideA, sideB, exact] = fromCompareMessage(message);
    } else {
      const hash = (label: string, path: string, algorithms: Algorithm[]): Promise<FinalMessage | null> =>
        algorithms.length === 0
          ? Promise.resolve(null)
          : hashPool.run({ kind: 'hash', path, algorithms }, tracker.task(label, path), signal);
      const [messageA, messageB] = await Promise.all([
        hash('File 1', request.fileA, algorithmsA),
        fileB ? hash('File 2', fileB, rowAlgorithms) : null,
      ]);
      if (messageA?.type === 'cancelled' || messageB?.type === 'cancelled') throw cancelled();
      sideA = fromHashMessage(messageA);
      sideB = fileB ? fromHashMessage(messageB) : null;
    }
  } finally {
    tracker.close();
  }
  if (signal.aborted) throw cancelled();

  const files = [fileReport('File 1', request.fileA, sideA)];
  if (fileB && sideB) files.push(fileReport('File 2', fileB, sideB));
  const rows: DigestRow[] = rowAlgorithms.map((algorithm) => {
    const a = files[0]!.digests[algorithm] ?? null;
    const b = files[1]?.digests[algorithm] ?? null;
    return { algorithm, a, b, match: a === null || b === null ? null : a === b };
  });
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

/** Both paths lead to one pipe, socket or device (same inode, not a regular file). */
async function sameStream(pathA: string, pathB: string): Promise<boolean> {
  try {
    const [a, b] = await Promise.all([stat(fsPath(pathA)), stat(fsPath(pathB))]);
    return a.dev === b.dev && a.ino === b.ino && !a.isFile() && !a.isDirectory();
  } catch {
    return false;
  }
}

/** What became of one file: read (with digests), unreadable, or not read at all. */
type Outcome =
  | { state: 'read'; outcome: { size: number | null; digests: SideOutcome['digests'] } }
  | { state: 'unreadable'; error: FileReport['error'] }
  | { state: 'not-read' };

function fromHashMessage(message: FinalMessage | null): Outcome {
  if (message?.type === 'hashed') return { state: 'read', outcome: message };
  if (message?.type === 'error') return { state: 'unreadable', error: message.error };
  return { state: 'not-read' };
}

function fromCompareMessage(message: FinalMessage): [Outcome, Outcome, CompareResult['exact']] {
  if (message.type === 'compared') {
    // Without digests, reading stopped at the first difference: the sizes are known only when equal.
    const size = message.exact.verdict === 'identical' ? message.exact.size : null;
    const side = (outcome: SideOutcome | null): Outcome => ({
      state: 'read',
      outcome: outcome ?? { size, digests: {} },
    });
    return [side(message.a), side(message.b), exactReport(message.exact)];
  }
  if (message.type === 'error' && message.side) {
    const failed: Outcome = { state: 'unreadable', error: message.error };
    const other: Outcome = { state: 'not-read' };
    return message.side === 'A' ? [failed, other, null] : [other, failed, null];
  }
  const error =
    message.type === 'error'
      ? message.error
      : { code: 'INTERNAL' as const, message: 'No comparison result.' };
  return [
    { state: 'not-read' },
    { state: 'not-read' },
    { verdict: 'error', error, message: `Exact compare failed: ${error.message}` },
  ];
}

function inCanonicalOrder(algorithms: readonly Algorithm[]): Algorithm[] {
  return ALGORITHMS.filter((algorithm) => algorithms.includes(algorithm));
}

function fileReport(label: FileReport['label'], path: string, side: Outcome): FileReport {
  if (side.state === 'read') {
    return {
      label,
      path,
      state: 'read',
      size: side.outcome.size,
      digests: side.outcome.digests,
      error: null,
    };
  }
  if (side.state === 'unreadable')
    return { label, path, state: 'unreadable', size: null, digests: {}, error: side.error };
  return { label, path, state: 'not-read', size: null, digests: {}, error: null };
}

function checkExpected(expected: ParsedDigest, file: FileReport): ExpectedReport {
  const common = { given: expected.hex, form: expected.form, candidates: expected.candidates };
  if (file.state !== 'read') {
    const message = 'File 1 could not be read, so the expected digest was not checked.';
    return { ...common, matched: null, verdict: 'unknown', message };
  }
  const matched = expected.candidates.find((algorithm) => file.digests[algorithm] === expected.hex) ?? null;
  const tried = listWords(
    expected.candidates.map((algorithm) => ALGORITHM_LABELS[algorithm]),
    'or',
  );
  // How the paste was read is worth saying only when it was not plain hex.
  const how = expected.form === 'hex' ? null : `read as ${expected.form}`;
  const message = matched
    ? `File 1 matches the expected ${ALGORITHM_LABELS[matched]} digest${how ? ` (${how})` : ''}.`
    : `File 1 does not match the expected digest (${how ? `${how}, ` : ''}checked as ${tried}).`;
  return { ...common, matched, verdict: matched ? 'match' : 'differ', message };
}

function verdict(
  files: FileReport[],
  rows: DigestRow[],
  exact: CompareResult['exact'],
  expected: ExpectedReport | null,
): Pick<CompareResult, 'verdict' | 'summary'> {
  const unreadable = files.find((file) => file.state === 'unreadable');
  if (unreadable) {
    const readable = files.find((file) => file.state === 'read');
    const rest = readable ? ` ${readable.label}'s digests are shown; nothing was compared.` : '';
    return {
      verdict: 'incomplete',
      summary: `${unreadable.label} could not be read: ${unreadable.error!.message}${rest}`,
    };
  }
  if (exact?.verdict === 'error') return { verdict: 'incomplete', summary: exact.message };
  const differing = rows.filter((row) => row.match === false).map((row) => ALGORITHM_LABELS[row.algorithm]);
  const problems: string[] = [];
  if (differing.length > 0)
    problems.push(`${listWords(differing, 'and')} ${differing.length === 1 ? 'differs' : 'differ'}`);
  if (exact && exact.verdict !== 'identical') problems.push(exact.message.replace(/\.$/, ''));
  if (expected?.verdict === 'differ') problems.push(expected.message.replace(/\.$/, ''));
  if (problems.length > 0) {
    const subject = rows.length > 0 || exact ? 'The files differ' : 'Mismatch';
    return { verdict: 'differ', summary: `${subject}: ${problems.join('; ')}.` };
  }
  const agreements: string[] = [];
  if (rows.length > 0) {
    const names = rows.map((row) => ALGORITHM_LABELS[row.algorithm]);
    agreements.push(`${listWords(names, 'and')} ${rows.length === 1 ? 'is' : 'are'} equal`);
  }
  if (exact?.verdict === 'identical') agreements.push('byte for byte identical');
  if (expected?.verdict === 'match') agreements.push(expected.message.replace(/\.$/, ''));
  if (agreements.length === 0) return { verdict: 'hashed', summary: `Digests of File 1 computed.` };
  const subject = rows.length > 0 || exact ? 'The files match' : 'Match';
  return { verdict: 'match', summary: `${subject}: ${agreements.join('; ')}.` };
}
