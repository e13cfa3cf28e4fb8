import { ALGORITHM_LABELS, ALGORITHMS } from '../../contract/compare.ts';
import type {
  Algorithm,
  CompareResult,
  FolderCompareResult,
  HashResult,
  VerifyResult,
} from '../../contract/compare.ts';
import { lstatSync, statSync } from 'node:fs';
import { callChannel } from '../../cli/call-channel.ts';
import type { Command } from '../../cli/command.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { algorithmFromName } from './algorithm-names.ts';
import { checksumText } from './checksum-text.ts';
import { formatResultName } from './escape-name.ts';
import { compareApi } from './handlers.ts';
import { displayName, encodeName, fsPath } from './name-bytes.ts';

const algorithmHelp = `algorithms: ${ALGORITHMS.join(', ')}`;

/**
 * Warnings go to stderr, as sha256sum prints them, so stdout holds only result lines. The command
 * interface returns stdout text only; the CLI runs in its own process, so stderr is written here.
 */
function warn(command: string, text: string): void {
  process.stderr.write(`suite ${command}: ${text}\n`);
}

/** Result lines as sha256sum writes them: a name that is not UTF-8 goes out as its own bytes. */
const STDIN_PATH = '/dev/stdin';

function writeRaw(text: string): void {
  process.stdout.write(encodeName(text));
}

/** "-" is standard input, as for sha256sum and cmp (and is printed as "-" again). */
const fromStdin = (path: string): string => (path === '-' ? STDIN_PATH : path);
const stdinAsDash = (path: string): string => (path === STDIN_PATH ? '-' : path);

/** Where the CLI reads a checksum file given as "-" (the handler reads pipes relative to this folder). */
const STDIN = STDIN_PATH;
/** A checksum file that cannot be read is a failed check for sha256sum -c (exit 1), not bad usage. */
const UNREADABLE_SUMS = new Set(['NOT_FOUND', 'IS_DIRECTORY', 'PERMISSION', 'FAILED']);

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
    const size = file.size === null ? '' : ` (${file.size} bytes)`;
    lines.push(
      `${file.label}: ${displayName(file.path)}${size}${file.state === 'not-read' ? ' (not read)' : ''}`,
    );
    if (file.error) lines.push(`  error: ${file.error.message}`);
    for (const [algorithm, hex] of Object.entries(file.digests)) {
      lines.push(`  ${ALGORITHM_LABELS[algorithm as Algorithm].padEnd(12)} ${hex}`);
    }
  }
  for (const row of result.rows) {
    const verdict = row.match === null ? 'not compared' : row.match ? 'match' : 'DIFFER';
    lines.push(`${ALGORITHM_LABELS[row.algorithm]}: ${verdict}`);
  }
  if (result.exact) lines.push(`Exact compare: ${result.exact.message}`);
  if (result.expected) lines.push(result.expected.message);
  lines.push(result.summary);
  return `${lines.join('\n')}\n`;
}

const exists = (path: string): boolean => lstatSync(fsPath(path), { throwIfNoEntry: false }) !== undefined;

const isFolder = (path: string): boolean => {
  try {
    return statSync(fsPath(path)).isDirectory();
  } catch {
    return false;
  }
};

/** Joins a folder as given and a relative path, as diff -r prints them. */
const under = (dir: string, relative: string): string => `${dir.replace(/\/+$/, '')}/${relative}`;

/** A kind of entry in diff's words ("File A/x is a regular file while file B/x is a directory"). */
function diffKind(kind: string | null): string {
  const words: Record<string, string> = {
    file: 'regular file',
    'empty file': 'regular empty file',
    folder: 'directory',
    symlink: 'symbolic link',
    FIFO: 'fifo',
    'character device': 'character special file',
    'block device': 'block special file',
  };
  return kind === null ? 'missing' : (words[kind] ?? kind);
}

/** diff -rq's lines: "Only in DIR: NAME", "Files A and B differ" …; inside an added or removed folder, only the folder. */
function foldersText(result: FolderCompareResult, details: boolean): string {
  const lines: string[] = [];
  let onlyIn: string | null = null;
  for (const entry of result.entries) {
    if (onlyIn !== null && entry.relative.startsWith(`${onlyIn}/`)) continue;
    onlyIn = null;
    // Names as they are (written as raw bytes, as diff writes them).
    const a = under(result.dirA, entry.relative);
    const b = under(result.dirB, entry.relative);
    const slash = entry.relative.lastIndexOf('/');
    const parent = slash === -1 ? '' : `/${entry.relative.slice(0, slash)}`;
    const name = entry.relative.slice(slash + 1);
    const detail = details && entry.detail ? ` (${entry.detail})` : '';
    if (entry.status === 'removed' || entry.status === 'added') {
      const dir = entry.status === 'removed' ? result.dirA : result.dirB;
      // At the top, the folder as typed (diff -rq says "Only in A/: x" for A/); below it, joined.
      lines.push(`Only in ${parent === '' ? dir : `${dir.replace(/\/+$/, '')}${parent}`}: ${name}`);
      if (entry.kindA === 'folder' || entry.kindB === 'folder') onlyIn = entry.relative;
    } else if (entry.status === 'changed') {
      const what = entry.kindA === 'symlink' ? 'Symbolic links' : 'Files';
      lines.push(`${what} ${a} and ${b} differ${detail}`);
    } else if (entry.status === 'type-changed' || entry.status === 'skipped') {
      lines.push(`File ${a} is a ${diffKind(entry.kindA)} while file ${b} is a ${diffKind(entry.kindB)}`);
      // diff -rq does not look inside a folder whose counterpart is not one.
      if (entry.kindA === 'folder' || entry.kindB === 'folder') onlyIn = entry.relative;
    } else if (entry.status === 'error') {
      warn('compare', entry.detail ?? `${a} could not be read`);
      // What an unreadable folder holds is not compared (diff -rq names only the folder).
      onlyIn = entry.relative;
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'Compare two files by digest (and byte for byte with --exact)',
  usage: 'FILE_1 [FILE_2] [--algo md5,sha1,sha256,...] [--exact] [--expected DIGEST] | DIR_1 DIR_2',
  details: [
    'Two folders are compared like diff -rq: files paired by relative path; "Only in", "Files … differ";',
    '  links are compared by where they point, not followed (as diff -rq --no-dereference);',
    '  --details adds why (sizes, first differing byte); exit 0 identical, 1 different, 2 trouble.',
    `--algo LIST      comma-separated; default sha256 (${algorithmHelp})`,
    '--exact          also compare byte for byte, as cmp: the first differing byte (counted from 1),',
    '                 or "EOF on File N after byte B" when one file is a prefix of the other',
    '--expected TEXT  check File 1 against a digest: hex, base64, sha256-… (SRI), algorithm:hex,',
    '                 or a sha256sum/BSD line; the algorithm comes from its length or its name',
    'Exit code: 0 when everything compared matches, 1 when something differs, 2 for bad input or',
    'a file that cannot be read.',
  ],
  options: {
    algo: { type: 'string' },
    exact: { type: 'boolean' },
    expected: { type: 'string' },
    details: { type: 'boolean' },
  },
  async run({ positionals, values, signal }) {
    if (positionals.length < 1 || positionals.length > 2) {
      throw new SuiteError('BAD_INPUT', 'give one or two files (see --help).');
    }
    const folders = positionals.map(isFolder);
    if (positionals.length === 2 && folders[0] !== folders[1]) {
      // One folder and one that is not: the other is missing, or a file; say which, not "not a file".
      const other = positionals[folders[0] ? 1 : 0]!;
      if (other !== '-' && !exists(other))
        throw new SuiteError('NOT_FOUND', `${displayName(other)} does not exist.`);
      const folder = positionals[folders[0] ? 0 : 1]!;
      throw new SuiteError(
        'BAD_INPUT',
        `${displayName(folder)} is a folder and ${displayName(other)} is not: give two files or two folders.`,
      );
    }
    if (positionals.length === 2 && folders[0] && folders[1]) {
      const result = await callChannel(
        compareApi,
        'compare.folders',
        { dirA: positionals[0]!, dirB: positionals[1]! },
        signal,
      );
      // --json prints the document alone, whatever the verdict.
      if (values.json !== true) writeRaw(foldersText(result, values.details === true));
      if (result.verdict === 'incomplete') {
        warn('compare', result.summary);
        return { exitCode: 2, json: result, text: '' };
      }
      return { exitCode: result.verdict === 'differ' ? 1 : 0, json: result, text: '' };
    }
    const expected = typeof values.expected === 'string' ? values.expected : '';
    const onlyOthers = (values.exact === true || expected !== '') && values.algo === undefined;
    const result = await callChannel(
      compareApi,
      'compare.files',
      {
        fileA: fromStdin(positionals[0]!),
        fileB: fromStdin(positionals[1] ?? ''),
        algorithms: parseAlgorithms(values.algo, onlyOthers ? [] : ['sha256']),
        exact: values.exact === true,
        expected,
      },
      signal,
    );
    const unreadable = result.files.find((file) => file.error);
    if (unreadable) throw new SuiteError(unreadable.error!.code, unreadable.error!.message);
    if (result.exact?.verdict === 'error')
      throw new SuiteError(result.exact.error.code, result.exact.message);
    return { exitCode: result.verdict === 'differ' ? 1 : 0, json: result, text: compareText(result) };
  },
};

/** Unreadable files and skipped ones are said on stderr, as sha256sum says them. */
function warnUnhashed(result: HashResult): void {
  for (const file of result.files) if (file.error) warn('hash', file.error.message);
}

export const hashCommand: Command = {
  name: 'hash',
  summary: 'Print digests as "<hex>  <path>" lines that sha256sum -c accepts',
  usage: 'PATH... [-r] [--follow] [--algo ALGORITHM[,ALGORITHM…]] [--bsd]',
  details: [
    `--algo LIST      default sha256 (${algorithmHelp}); several print one line each`,
    '-                standard input (printed as "-"), as for sha256sum',
    '--bsd            tag lines as "sha256sum --tag" writes them: SHA256 (name) = hex',
    '-r, --recursive  hash the regular files in folders, sorted bytewise by path; symbolic links',
    '                 are not followed, FIFOs, sockets and devices are skipped with a warning',
    '--follow         with -r, follow symbolic links (a link that loops is reported)',
    'A file that cannot be read (or changes while it is read) is reported on stderr and skipped;',
    'the others are printed. Exit code: 0 all hashed, 1 some could not be, 2 bad usage.',
  ],
  options: {
    algo: { type: 'string' },
    bsd: { type: 'boolean' },
    recursive: { type: 'boolean', short: 'r' },
    follow: { type: 'boolean' },
  },
  async run({ positionals, values, signal }) {
    if (positionals.length === 0) throw new SuiteError('BAD_INPUT', 'give at least one file.');
    const algorithms = parseAlgorithms(values.algo, ['sha256']);
    const format = values.bsd === true ? 'bsd' : 'gnu';
    // Lines are printed as files finish, in input order (as sha256sum prints them); --json waits.
    const streaming = values.json !== true;
    const result = await callChannel(
      compareApi,
      'compare.hash',
      {
        paths: positionals.map(fromStdin),
        algorithms,
        recursive: values.recursive === true,
        follow: values.follow === true,
        format,
      },
      signal,
      (progress) => {
        if (!streaming || !progress.hashed) return;
        for (const file of progress.hashed) if (file.error) warn('hash', file.error.message);
        writeRaw(checksumText(progress.hashed, algorithms, format, stdinAsDash));
      },
    );
    if (!streaming) warnUnhashed(result);
    return { exitCode: result.failed > 0 ? 1 : 0, json: result, text: streaming ? '' : result.text };
  },
};

/**
 * stdout as `sha256sum -c` prints it: one line per checked entry, names escaped as it escapes them
 * (bytes that are not UTF-8 stay as name-bytes.ts keeps them, for writeRaw).
 */
export function verifyText(result: VerifyResult, quiet: boolean): string {
  const lines: string[] = [];
  for (const line of result.lines) {
    const name = formatResultName(line.path);
    // Named only when it is not the algorithm sha256sum/md5sum/sha512sum would have used, so that a
    // plain checksum file prints exactly what coreutils prints.
    const which = line.algorithm !== line.candidates[0] ? ` (${ALGORITHM_LABELS[line.algorithm]})` : '';
    if (line.status === 'OK' && !quiet) lines.push(`${name}: OK${which}`);
    else if (line.status === 'FAILED') lines.push(`${name}: FAILED`);
    else if (line.status === 'MISSING' || line.status === 'UNREADABLE')
      lines.push(`${name}: FAILED open or read`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** stderr as `sha256sum -c` prints it; `warn` is its --warn, a line for each improper line. */
function verifyWarnings(result: VerifyResult, status: boolean, warnEach: boolean): void {
  const shown = result.sumsFile === STDIN ? 'standard input' : displayName(result.sumsFile);
  if (result.lines.length === 0) {
    warn('verify', `${shown}: no properly formatted checksum lines found`);
    return;
  }
  for (const line of result.lines) {
    if (line.message && (line.status === 'MISSING' || line.status === 'UNREADABLE'))
      warn('verify', line.message);
  }
  if (status) return;
  if (warnEach)
    for (const line of result.improper)
      warn('verify', `${shown}: ${line.line}: improperly formatted checksum line (${line.reason})`);
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  if (result.improper.length > 0) {
    const numbers = result.improper.slice(0, 10).map((line) => line.line);
    const more = result.improper.length > 10 ? ', …' : '';
    warn(
      'verify',
      `WARNING: ${count(result.improper.length, 'line is', 'lines are')} improperly formatted (line ${numbers.join(', ')}${more})`,
    );
  }
  if (result.unreadable > 0)
    warn('verify', `WARNING: ${count(result.unreadable, 'listed file', 'listed files')} could not be read`);
  if (result.failed > 0)
    warn(
      'verify',
      `WARNING: ${count(result.failed, 'computed checksum', 'computed checksums')} did NOT match`,
    );
  if (result.ignoreMissing && result.ok === 0) warn('verify', `${shown}: no file was verified`);
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify a checksum file (GNU or BSD format) like sha256sum -c',
  usage: '[SUMSFILE|-] [--strict] [--ignore-missing] [--quiet] [--status] [--warn]',
  details: [
    'Lines are read as sha256sum -c reads them (GNU, BSD tags, escaped names, SFV in *.sfv); the',
    'algorithm comes from the tag, the digest length, or the file name (SHA256SUMS, x.b3).',
    'Paths in the file are relative to the file (to this folder when it is "-", standard input,',
    '  or a pipe such as <(…)). FIFOs, sockets and devices it lists are not read (they could block).',
    '--strict         fail when any line is improperly formatted',
    '--ignore-missing do not fail or report a listed file that does not exist',
    '--quiet          do not print OK lines',
    '--status         print nothing; the exit code says it all',
    '-w, --warn       warn about each improperly formatted line (the verdict is unchanged)',
    'Exit code: 0 all verified, 1 a checksum failed, a file could not be read, or nothing was',
    'verified or the checksum file itself is missing or cannot be read (as sha256sum -c); 2 bad usage.',
  ],
  options: {
    strict: { type: 'boolean' },
    'ignore-missing': { type: 'boolean' },
    quiet: { type: 'boolean' },
    status: { type: 'boolean' },
    warn: { type: 'boolean', short: 'w' },
  },
  async run({ positionals, values, given, signal }) {
    if (positionals.length > 1) throw new SuiteError('BAD_INPUT', 'give one checksum file.');
    // As sha256sum -c: no file, or "-", is standard input (listed names relative to this folder).
    const named = positionals[0] ?? '-';
    const sumsFile = named === '-' ? STDIN : named;
    let result: VerifyResult;
    try {
      result = await callChannel(
        compareApi,
        'compare.verify',
        { sumsFile, strict: values.strict === true, ignoreMissing: values['ignore-missing'] === true },
        signal,
      );
    } catch (error) {
      // A checksum file that is missing, a folder or unreadable is a failed check for sha256sum -c
      // (exit 1), not bad usage; only our own limits (too large) and cancellation keep their codes.
      if (!(error instanceof SuiteError) || !UNREADABLE_SUMS.has(error.code)) throw error;
      warn('verify', error.message);
      return { exitCode: 1, json: { error: error.toInfo() }, text: '' };
    }
    // As in sha256sum -c, --status, --warn and --quiet each turn the other two off: the last counts.
    const mode = given.filter((name) => ['status', 'warn', 'quiet'].includes(name)).at(-1);
    const json = values.json === true;
    if (mode !== 'status' && !json) writeRaw(verifyText(result, mode === 'quiet'));
    verifyWarnings(result, mode === 'status', mode === 'warn');
    return { exitCode: result.verdict === 'verified' ? 0 : 1, json: result, text: '' };
  },
};
