import { ALGORITHM_LABELS, ALGORITHMS } from '../../contract/compare.ts';
import type { Algorithm, CompareResult, VerifyResult } from '../../contract/compare.ts';
import type { Command } from '../../cli/command.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { formatGnuLine } from './checksum-file.ts';
import { compareFiles } from './compare-files.ts';
import { algorithmFromName } from './expected-digest.ts';
import { runJob } from './run-job.ts';
import { verifyChecksums } from './verify-checksums.ts';

const quiet = { start: () => undefined, progress: () => undefined };
const algorithmHelp = `algorithms: ${ALGORITHMS.join(', ')}`;

function parseAlgorithms(value: unknown, fallback: Algorithm[]): Algorithm[] {
  if (typeof value !== 'string') return fallback;
  return value.split(',').map((name) => {
    const algorithm = algorithmFromName(name.trim());
    if (!algorithm)
      throw new SuiteError('BAD_INPUT', `unknown algorithm "${name.trim()}" (${algorithmHelp}).`);
    return algorithm;
  });
}

function compareText(result: CompareResult): string {
  const lines: string[] = [];
  for (const file of result.files) {
    lines.push(`${file.label}: ${file.path}${file.size === null ? '' : ` (${file.size} bytes)`}`);
    if (file.error) lines.push(`  error: ${file.error.message}`);
    for (const [algorithm, hex] of Object.entries(file.digests)) {
      lines.push(`  ${ALGORITHM_LABELS[algorithm as Algorithm].padEnd(12)} ${hex}`);
    }
  }
  for (const row of result.rows) {
    const verdict = row.match === null ? 'not compared' : row.match ? 'match' : 'DIFFER';
    lines.push(`${ALGORITHM_LABELS[row.algorithm]}: ${verdict}`);
  }
  if (result.exact) {
    const exact = result.exact;
    lines.push(
      exact.verdict === 'identical'
        ? 'Exact compare: identical'
        : exact.verdict === 'different'
          ? `Exact compare: first difference at byte ${exact.offset} (0x${exact.byteA.toString(16).padStart(2, '0')} vs 0x${exact.byteB.toString(16).padStart(2, '0')})`
          : exact.verdict === 'size-differs'
            ? `Exact compare: ${exact.message}`
            : `Exact compare failed: ${exact.error.message}`,
    );
  }
  if (result.expected) lines.push(result.expected.message);
  lines.push(result.summary);
  return `${lines.join('\n')}\n`;
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare two files by digest (and byte for byte with --exact)',
  usage: 'FILE_1 FILE_2 [--algo md5,sha1,sha256,...] [--exact] [--expected DIGEST]',
  details: [
    `--algo LIST      comma-separated; default sha256 (${algorithmHelp})`,
    '--exact          also compare byte for byte; reports the first differing offset',
    '--expected HEX   check File 1 against a digest (algorithm by length, or a prefix like sha256:)',
    'Exit code: 0 when everything chosen matches, 1 when something differs, 2 for bad input.',
  ],
  options: { algo: { type: 'string' }, exact: { type: 'boolean' }, expected: { type: 'string' } },
  async run({ positionals, values, signal }) {
    if (positionals.length < 1 || positionals.length > 2) {
      throw new SuiteError('BAD_INPUT', 'give one or two files (see --help).');
    }
    const result = await compareFiles(
      {
        fileA: positionals[0]!,
        fileB: positionals[1] ?? '',
        algorithms: parseAlgorithms(values.algo, values.exact && values.algo === undefined ? [] : ['sha256']),
        exact: values.exact === true,
        expected: typeof values.expected === 'string' ? values.expected : '',
      },
      { signal, progress: () => undefined },
    );
    const unreadable = result.files.find((file) => file.error);
    if (unreadable) throw new SuiteError(unreadable.error!.code, unreadable.error!.message);
    return { exitCode: result.verdict === 'differ' ? 1 : 0, json: result, text: compareText(result) };
  },
};

export const hashCommand: Command = {
  name: 'hash',
  summary: 'Print digests as "<hex>  <path>" lines that sha256sum -c accepts',
  usage: 'FILE... [--algo ALGORITHM]',
  details: [`--algo NAME      one algorithm; default sha256 (${algorithmHelp})`],
  options: { algo: { type: 'string' } },
  async run({ positionals, values, signal }) {
    if (positionals.length === 0) throw new SuiteError('BAD_INPUT', 'give at least one file.');
    const algorithms = parseAlgorithms(values.algo, ['sha256']);
    if (algorithms.length !== 1) throw new SuiteError('BAD_INPUT', '--algo takes one algorithm here.');
    const algorithm = algorithms[0]!;
    const files: { path: string; digest: string }[] = [];
    for (const path of positionals) {
      const message = await runJob({ kind: 'hash', path, algorithms }, quiet, signal);
      if (message.type === 'error') throw new SuiteError(message.error.code, message.error.message);
      if (message.type !== 'hashed') throw new SuiteError('CANCELLED', 'Cancelled.');
      files.push({ path, digest: message.digests[algorithm]! });
    }
    const text = files.map((file) => formatGnuLine(file.digest, file.path)).join('\n');
    return { exitCode: 0, json: { algorithm, files }, text: `${text}\n` };
  },
};

function verifyText(result: VerifyResult): string {
  const lines = result.lines.map((line) =>
    line.status === 'OK' || line.status === 'FAILED'
      ? `${line.path}: ${line.status}`
      : `${line.path}: FAILED open or read (${line.message ?? line.status})`,
  );
  if (result.malformed.length > 0) {
    lines.push(
      `WARNING: ${result.malformed.length} line(s) improperly formatted (line ${result.malformed.join(', ')})`,
    );
  }
  if (result.failed > 0) lines.push(`WARNING: ${result.summary}`);
  return `${lines.join('\n')}\n`;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify a checksum file (GNU or BSD format) like sha256sum -c',
  usage: 'SUMSFILE',
  details: ['Paths in the file are relative to the file. Exit code: 0 all OK, 1 any failed or missing.'],
  async run({ positionals, signal }) {
    if (positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one checksum file.');
    const result = await verifyChecksums(
      { sumsFile: positionals[0]! },
      { signal, progress: () => undefined },
    );
    return { exitCode: result.failed > 0 ? 1 : 0, json: result, text: verifyText(result) };
  },
};
