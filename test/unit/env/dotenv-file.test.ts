import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { readDotenv, writeDotenv } from '../../../src-main/tools/env/dotenv-file.ts';

/** python-dotenv's reading of a file, without interpolation: the reference for the common dialect. */
function pythonDotenv(text: string): Record<string, string | null> {
  const script =
    'import io, json, sys\nfrom dotenv import dotenv_values\n' +
    'print(json.dumps(dotenv_values(stream=io.StringIO(sys.stdin.read()), interpolate=False)))';
  return JSON.parse(
    execFileSync('python3', ['-c', script], { input: text, encoding: 'utf8', timeout: 60_000 }),
  );
}

const asObject = (text: string) =>
  Object.fromEntries(readDotenv(text).variables.map(({ name, value }) => [name, value]));

/** Cases from python-dotenv's and dotenv's READMEs on which the two agree. */
const DOCUMENTED: Record<string, string> = {
  plain: 'S3_BUCKET=YOURS3BUCKET\nSECRET_KEY=YOURSECRETKEYGOESHERE\n',
  export: 'export DOMAIN=example.org\nexport ADMIN_EMAIL=admin@example.org\n',
  comments: '# a comment\nSECRET_HASH="something-with-a-#-hash"\nA=1 # trailing comment\n',
  blanks: '\n\nA=1\n\n   \nB=2\n',
  spaces: 'SPACED = value with spaces \n',
  singleQuotes: "LITERAL='${DOMAIN} $x \\n stays'\n",
  doubleNewline: 'MULTI="first\\nsecond"\n',
  multiline: 'PRIVATE_KEY="-----BEGIN-----\nline two\n-----END-----"\n',
  references: 'DOMAIN=example.org\nEMAIL=admin@${DOMAIN}\n',
  empty: 'EMPTY=\nQUOTED_EMPTY=""\n',
  crlf: 'A=1\r\nB="two"\r\n',
};

describe('.env files read as dotenv reads them, checked against python-dotenv', () => {
  for (const [label, text] of Object.entries(DOCUMENTED)) {
    it(`reads the documented case: ${label}`, () => {
      const read = readDotenv(text);
      expect(read.errors).toEqual([]);
      expect(asObject(text)).toEqual(parse(text));
      expect(asObject(text)).toEqual(pythonDotenv(text));
    });
  }

  it('keeps ${VAR} literal unless asked, then fills it from earlier lines and the environment', () => {
    const text = 'DOMAIN=example.org\nEMAIL=admin@${DOMAIN}\nHOME_BIN=${BASE}/bin\n';
    expect(asObject(text).EMAIL).toBe('admin@${DOMAIN}');
    const expanded = Object.fromEntries(
      readDotenv(text, { BASE: '/home/me' }).variables.map(({ name, value }) => [name, value]),
    );
    expect(expanded).toEqual({ DOMAIN: 'example.org', EMAIL: 'admin@example.org', HOME_BIN: '/home/me/bin' });
  });

  it('names every line it cannot read, with its number, where dotenv skips them silently', () => {
    const text = [
      '# fine',
      'GOOD=1',
      'just some words',
      'OPEN="never closed',
      '',
      '1BAD=starts with a digit',
      'dotted.name=x',
      'ALSO_GOOD="yes"',
      '=no name',
    ].join('\n');
    const read = readDotenv(text);
    expect(read.errors.map((error) => error.line)).toEqual([3, 4, 6, 7, 9]);
    expect(read.errors[1]!.message).toMatch(/quote .* not closed/);
    expect(read.variables).toEqual([
      { name: 'GOOD', value: '1' },
      { name: 'ALSO_GOOD', value: 'yes' },
    ]);
    // python-dotenv agrees the good lines are these two.
    const python = pythonDotenv('GOOD=1\njust some words\nALSO_GOOD="yes"\n');
    expect(python.GOOD).toBe('1');
    expect(python.ALSO_GOOD).toBe('yes');
  });

  it('names the first 50 unreadable lines and counts the rest, for a file that is not a .env file', () => {
    const read = readDotenv('not a line\n'.repeat(10_000));
    expect(read.errors).toHaveLength(51);
    expect(read.errors[50]).toEqual({
      line: 51,
      message: 'and 9950 more lines from here on that cannot be read',
    });
  });

  it('refuses a file over 1 MiB in one sentence', () => {
    expect(() => readDotenv(`A=${'x'.repeat(1024 * 1024)}`)).toThrow(/larger than 1 MiB/);
  });
});

const HOSTILE = [
  '',
  ' ',
  ' leading and trailing ',
  "it's",
  "'",
  "''",
  '"',
  'say "hi"',
  '`',
  'a\\"b',
  '\\n not a newline',
  'first\nsecond\n',
  "line\nwith 'single'",
  'line\nwith "double"',
  '#not a comment',
  'value # with hash',
  '${HOME} $PATH $(touch x) `id`',
  'C:\\Users\\me\\',
  'tab\there',
  'naïve café — 日本語 🚀',
  '= equals = signs =',
  'trailing backslash \\',
  "tr'",
  "'starts",
];

/** Random strings over the characters that matter to quoting. */
function generated(count: number): string[] {
  const alphabet = ['a', ' ', "'", '"', '`', '\\', 'n', '#', '$', '{', '}', '\n', '=', 'é', '\t'];
  return Array.from({ length: count }, () =>
    [...randomBytes(1 + (randomBytes(1)[0]! % 12))].map((byte) => alphabet[byte % alphabet.length]!).join(''),
  );
}

describe('export writes values dotenv reads back byte for byte', () => {
  it('round-trips hostile values, one file with all of them', () => {
    const variables = HOSTILE.map((value, index) => ({ name: `V${index}`, value }));
    const text = writeDotenv(variables);
    expect(readDotenv(text)).toEqual({ variables, errors: [] });
    expect(parse(text)).toEqual(Object.fromEntries(variables.map(({ name, value }) => [name, value])));
  });

  it('round-trips generated values, or refuses one it cannot write in a sentence naming it', () => {
    let refused = 0;
    for (const value of generated(400)) {
      const variables = [
        { name: 'BEFORE', value: 'x' },
        { name: 'VALUE', value },
        { name: 'AFTER', value: 'y' },
      ];
      let text: string;
      try {
        text = writeDotenv(variables);
      } catch (error) {
        // Only a value mixing quote kinds with #, a backslash or a line break has no exact .env form.
        expect((error as Error).message).toMatch(/^The value of VALUE cannot be written/);
        expect(["'", '"', '`'].filter((quote) => value.includes(quote)).length).toBeGreaterThanOrEqual(2);
        expect(value).toMatch(/[\n#\\]/);
        refused++;
        continue;
      }
      expect(readDotenv(text), JSON.stringify(value)).toEqual({ variables, errors: [] });
    }
    expect(refused).toBeLessThan(400);
  });
});
