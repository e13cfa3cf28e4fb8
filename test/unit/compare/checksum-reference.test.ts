/**
 * Checksum files of many shapes, generated here, verified by the reference tools (sha256sum -c,
 * md5sum -c, b3sum -c) and by the suite: the same exit status and the same result lines, for each
 * of the coreutils options. The suite's stdout is the CLI's own rendering (verifyText).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyText } from '../../../src-main/tools/compare/cli.ts';
import { encodeName } from '../../../src-main/tools/compare/name-bytes.ts';
import { verifyChecksums } from '../../../src-main/tools/compare/verify-checksums.ts';
import { run } from '../../support/commands.ts';
import { tempDir } from '../../support/temp.ts';

const context = { signal: new AbortController().signal, progress: () => undefined };
let dir: string;

/** Files every shape may list: odd names included. */
const FILES: Record<string, string> = {
  a: 'alpha\n',
  b: 'bravo',
  'with space': 'space inside',
  'trailing ': 'a name ending in a space',
  ' leading': 'a name starting with a space',
  'back\\slash': 'backslash',
  'new\nline': 'a newline in the name',
  'car\rriage': 'a carriage return in the name',
  'return\r': 'a name ending in a carriage return',
  'paren (1).txt': 'parenthesis',
  'ünïcode ファイル': 'unicode',
  '*star': 'starts with a star',
  empty: '',
};

const sha256 = (name: string): string => createHash('sha256').update(FILES[name]!).digest('hex');
const md5 = (name: string): string => createHash('md5').update(FILES[name]!).digest('hex');
const b3 = (name: string): string => run('b3sum', ['--no-names', join(dir, 'files', name)]).trim();
const esc = (name: string): string => name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const gnu = (hex: string, name: string): string =>
  /[\\\n\r]/.test(name) ? `\\${hex}  ${esc(name)}` : `${hex}  ${name}`;
const wrong = (hex: string): string => hex.replace(/^./, (c) => (c === '0' ? '1' : '0'));

type Tool = 'sha256sum' | 'md5sum' | 'b3sum';
interface Shape {
  name: string;
  tool: Tool;
  /** The checksum file's bytes (a string is written as UTF-8). */
  content: () => string | Buffer;
}

const sumsName: Record<Tool, string> = { sha256sum: 'SHA256SUMS', md5sum: 'MD5SUMS', b3sum: 'B3SUMS' };

const shapes: Shape[] = [
  {
    name: 'plain two-space lines',
    tool: 'sha256sum',
    content: () => `${gnu(sha256('a'), 'a')}\n${gnu(sha256('b'), 'b')}\n`,
  },
  { name: 'binary marker *', tool: 'sha256sum', content: () => `${sha256('a')} *a\n${sha256('b')} *b\n` },
  {
    name: 'one space (BSD reversed)',
    tool: 'sha256sum',
    content: () => `${sha256('a')} a\n${sha256('b')} b\n`,
  },
  { name: 'tab separator', tool: 'sha256sum', content: () => `${sha256('a')}\ta\n${sha256('b')}\tb\n` },
  { name: 'tab then two spaces', tool: 'sha256sum', content: () => `${sha256('a')}\t a\n` },
  { name: 'leading spaces', tool: 'sha256sum', content: () => `   ${sha256('a')}  a\n\t${sha256('b')}  b\n` },
  {
    name: 'CRLF line endings',
    tool: 'sha256sum',
    content: () => `${sha256('a')}  a\r\n${sha256('b')}  b\r\n`,
  },
  { name: 'two CRs at the end', tool: 'sha256sum', content: () => `${sha256('a')}  a\r\r\n` },
  { name: 'upper-case hex', tool: 'sha256sum', content: () => `${sha256('a').toUpperCase()}  a\n` },
  {
    name: 'BSD tag lines',
    tool: 'sha256sum',
    content: () => `SHA256 (a) = ${sha256('a')}\nSHA256 (b) = ${sha256('b')}\n`,
  },
  { name: 'BSD tag, OpenSSL spacing', tool: 'sha256sum', content: () => `SHA256(a)= ${sha256('a')}\n` },
  { name: 'BSD tag, blanks around =', tool: 'sha256sum', content: () => `SHA256 (a)\t=  ${sha256('a')}\n` },
  {
    name: 'BSD tag, parenthesis in the name',
    tool: 'sha256sum',
    content: () => `SHA256 (paren (1).txt) = ${sha256('paren (1).txt')}\n`,
  },
  {
    name: 'BSD tag, short digest',
    tool: 'sha256sum',
    content: () => `SHA256 (a) = ${sha256('a').slice(0, 60)}\n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'BSD tag, lower-case tag',
    tool: 'sha256sum',
    content: () => `sha256 (a) = ${sha256('a')}\n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'BSD tag of another algorithm',
    tool: 'sha256sum',
    content: () => `SHA384 (a) = ${'ab'.repeat(48)}\n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'escaped BSD tag line',
    tool: 'sha256sum',
    content: () => `\\SHA256 (new\\nline) = ${sha256('new\nline')}\n`,
  },
  {
    name: 'comments and empty lines',
    tool: 'sha256sum',
    content: () => `# made by hand\n\n${gnu(sha256('a'), 'a')}\n\n# end\n`,
  },
  {
    name: 'indented comment',
    tool: 'sha256sum',
    content: () => ` # not a comment\n${gnu(sha256('a'), 'a')}\n`,
  },
  { name: 'a line of blanks', tool: 'sha256sum', content: () => `${gnu(sha256('a'), 'a')}\n   \n` },
  {
    name: 'UTF-8 byte-order mark',
    tool: 'sha256sum',
    content: () => `\ufeff${gnu(sha256('a'), 'a')}\n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'garbage among lines',
    tool: 'sha256sum',
    content: () => `${gnu(sha256('a'), 'a')}\nhello world\n${gnu(sha256('b'), 'b')}\n`,
  },
  { name: 'only garbage', tool: 'sha256sum', content: () => 'this is not\na checksum file\n' },
  { name: 'empty file', tool: 'sha256sum', content: () => '' },
  {
    name: 'a missing file',
    tool: 'sha256sum',
    content: () => `${gnu(sha256('a'), 'a')}\n${gnu(sha256('a'), 'gone')}\n`,
  },
  {
    name: 'every file missing',
    tool: 'sha256sum',
    content: () => `${gnu(sha256('a'), 'gone')}\n${gnu(sha256('b'), 'gone too')}\n`,
  },
  {
    name: 'a mismatch',
    tool: 'sha256sum',
    content: () => `${gnu(wrong(sha256('a')), 'a')}\n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'a folder listed',
    tool: 'sha256sum',
    content: () => `${gnu(sha256('a'), 'sub')}\n${gnu(sha256('a'), 'a')}\n`,
  },
  {
    name: 'names with spaces',
    tool: 'sha256sum',
    content: () => ['with space', 'trailing ', ' leading'].map((n) => gnu(sha256(n), n)).join('\n') + '\n',
  },
  {
    name: 'leading-space name, standard format',
    tool: 'sha256sum',
    content: () => `${sha256(' leading')}   leading\n`,
  },
  {
    name: 'escaped names',
    tool: 'sha256sum',
    content: () => ['back\\slash', 'new\nline', 'car\rriage'].map((n) => gnu(sha256(n), n)).join('\n') + '\n',
  },
  {
    name: 'escaped name, wrong digest',
    tool: 'sha256sum',
    content: () => `${gnu(wrong(sha256('new\nline')), 'new\nline')}\n`,
  },
  {
    name: 'unescaped backslash name',
    tool: 'sha256sum',
    content: () => `${sha256('back\\slash')}  back\\slash\n`,
  },
  {
    name: 'invalid escape',
    tool: 'sha256sum',
    content: () => `\\${sha256('a')}  a\\q\n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'escape at the end',
    tool: 'sha256sum',
    content: () => `\\${sha256('a')}  a\\\n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'a forged OK in a name',
    tool: 'sha256sum',
    content: () => `${gnu(wrong(sha256('new\nline')), 'new\nline')}\n`,
  },
  { name: 'two spaces, then one', tool: 'sha256sum', content: () => `${sha256('a')}  a\n${sha256('b')} b\n` },
  {
    name: 'one space, then two',
    tool: 'sha256sum',
    content: () => `${sha256('a')} a\n${sha256(' leading')}  leading\n`,
  },
  {
    name: 'digest one digit short',
    tool: 'sha256sum',
    content: () => `${sha256('a').slice(1)}  a\n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'digest one digit long',
    tool: 'sha256sum',
    content: () => `${sha256('a')}0  a\n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'digest then nothing',
    tool: 'sha256sum',
    content: () => `${sha256('a')}\n${sha256('a')} \n${gnu(sha256('b'), 'b')}\n`,
  },
  {
    name: 'no newline at the end',
    tool: 'sha256sum',
    content: () => `${gnu(sha256('a'), 'a')}\n${gnu(sha256('b'), 'b')}`,
  },
  {
    name: 'a name that is a star',
    tool: 'sha256sum',
    content: () => `${sha256('*star')}  *star\n${sha256('*star')} **star\n`,
  },
  {
    name: 'the same file twice',
    tool: 'sha256sum',
    content: () => `${gnu(sha256('a'), 'a')}\n${gnu(sha256('a'), 'a')}\n${gnu(wrong(sha256('a')), 'a')}\n`,
  },
  {
    name: 'unicode name',
    tool: 'sha256sum',
    content: () => `${gnu(sha256('ünïcode ファイル'), 'ünïcode ファイル')}\n`,
  },
  { name: 'NUL inside a name', tool: 'sha256sum', content: () => `${sha256('a')}  a\0junk\n` },
  {
    name: 'non-UTF-8 bytes in a name',
    tool: 'sha256sum',
    content: () =>
      Buffer.concat([Buffer.from(`${sha256('a')}  lat`), Buffer.from([0xe9, 0xff]), Buffer.from('\n')]),
  },
  { name: 'an empty file listed', tool: 'sha256sum', content: () => `${gnu(sha256('empty'), 'empty')}\n` },
  {
    name: 'many lines',
    tool: 'sha256sum',
    content: () =>
      Array.from({ length: 300 }, (_, i) => gnu(i % 7 === 3 ? wrong(sha256('a')) : sha256('a'), 'a')).join(
        '\n',
      ) + '\n',
  },
  {
    name: 'MD5SUMS, binary marks and a failure',
    tool: 'md5sum',
    content: () => `${md5('a')} *a\n${wrong(md5('b'))}  b\n${md5('with space')}  with space\n`,
  },
  {
    name: 'MD5SUMS, BSD tags and garbage',
    tool: 'md5sum',
    content: () => `MD5 (a) = ${md5('a')}\nMD5 (b)= ${md5('b')}\nnope\n`,
  },
  {
    name: 'MD5SUMS, escaped names, missing',
    tool: 'md5sum',
    content: () => `${gnu(md5('new\nline'), 'new\nline')}\n${gnu(md5('a'), 'gone')}\n`,
  },
  {
    name: 'B3SUMS, plain',
    tool: 'b3sum',
    content: () => `${b3('a')}  a\n${b3('b')}  b\n${b3('with space')}  with space\n`,
  },
  {
    name: 'B3SUMS, escaped names',
    tool: 'b3sum',
    content: () => `${gnu(b3('back\\slash'), 'back\\slash')}\n${gnu(b3('new\nline'), 'new\nline')}\n`,
  },
  {
    name: 'B3SUMS, a name ending in a carriage return, written raw (as b3sum and suite hash write it)',
    tool: 'b3sum',
    content: () => `${b3('return\r')}  return\r\n${b3('a')}  a\n`,
  },
  {
    name: 'B3SUMS with CRLF endings: b3sum keeps the carriage return in the name',
    tool: 'b3sum',
    content: () => `${b3('a')}  a\r\n${b3('b')}  b\r\n`,
  },
  {
    name: 'B3SUMS, failure and missing',
    tool: 'b3sum',
    content: () => `${wrong(b3('a'))}  a\n${b3('a')}  gone\n${b3('b')}  b\n`,
  },
];

const variants: string[][] = [
  [],
  ['--strict'],
  ['--quiet'],
  ['--status'],
  ['--ignore-missing'],
  ['--ignore-missing', '--strict'],
];

beforeAll(async () => {
  dir = await tempDir('checksum-reference');
  await mkdir(join(dir, 'files', 'sub'), { recursive: true });
  for (const [name, content] of Object.entries(FILES)) await writeFile(join(dir, 'files', name), content);
  await writeFile(Buffer.from(join(dir, 'files', 'lat') + '\xe9\xff', 'latin1'), 'latin1 bytes');
});

/**
 * Result lines as each tool prints them. b3sum says "FAILED (reason)" for "FAILED open or read" and
 * escapes every name it escaped in the file, where coreutils escapes only a newline: for b3sum both
 * sides are compared unescaped.
 */
function verdicts(stdout: string, tool: Tool): string[] {
  const lines = stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n');
  if (tool !== 'b3sum') return lines;
  return lines.map((line) =>
    line
      .replace(/: FAILED \(.*\)$/, ': FAILED open or read')
      .replace(/^\\(.*)$/, (_, rest: string) =>
        rest.replace(/\\(\\|n)/g, (__, c: string) => (c === 'n' ? '\n' : '\\')),
      ),
  );
}

async function suiteRun(sumsFile: string, options: string[]): Promise<{ code: number; stdout: string }> {
  const result = await verifyChecksums(
    { sumsFile, strict: options.includes('--strict'), ignoreMissing: options.includes('--ignore-missing') },
    context,
  );
  const stdout = options.includes('--status') ? '' : verifyText(result, options.includes('--quiet'));
  return { code: result.verdict === 'verified' ? 0 : 1, stdout };
}

describe('checksum files verified by the suite and by the reference tools alike', () => {
  it('has at least 40 shapes', () => {
    expect(shapes.length).toBeGreaterThanOrEqual(40);
  });

  for (const shape of shapes) {
    it(`${shape.tool}: ${shape.name}`, async () => {
      const sumsFile = join(dir, 'files', `${sumsName[shape.tool]}`);
      await writeFile(sumsFile, shape.content());
      // b3sum has no --strict, --status or --ignore-missing, and stops at a line it cannot read.
      const options = shape.tool === 'b3sum' ? [[], ['--quiet']] : variants;
      for (const option of options) {
        const reference = spawnSync(shape.tool, ['-c', ...option, sumsName[shape.tool]], {
          cwd: join(dir, 'files'),
          encoding: 'latin1',
        });
        const suite = await suiteRun(sumsFile, option);
        // The CLI writes names that are not UTF-8 as their own bytes (encodeName), as coreutils does.
        const ours = verdicts(encodeName(suite.stdout).toString('latin1'), shape.tool);
        const theirs = verdicts(reference.stdout, shape.tool);
        expect({ option, code: suite.code, lines: ours }).toEqual({
          option,
          code: reference.status,
          lines: theirs,
        });
      }
    });
  }
});
