import { parse } from 'dotenv';
import { expand } from 'dotenv-expand';
import { VARIABLE_NAME } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';

export interface DotenvLineError {
  line: number;
  message: string;
}

export interface DotenvRead {
  /** In file order; a name given twice keeps its last value, as dotenv does. */
  variables: { name: string; value: string }[];
  errors: DotenvLineError[];
}

/**
 * dotenv 16's own line pattern (lib/main.js), used only to learn which lines it read: dotenv.parse
 * skips the others silently. The values themselves always come from dotenv.parse, and a test checks
 * that both agree on every name.
 */
const DOTENV_LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

const MAX_DOTENV_BYTES = 1024 * 1024;
const MAX_ERRORS = 50;

/** The 1-based line of each offset, by binary search over where lines start: linear in the file. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    starts.push(index + 1);
  return (offset) => {
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/**
 * Reads a .env file in the common dialect (KEY=value, export KEY=value, quotes, # comments) with
 * dotenv. `${VAR}` stays literal unless `expandFrom` is given: then references are filled in from
 * earlier lines and that environment, as dotenv-expand does.
 */
export function readDotenv(text: string, expandFrom?: Record<string, string>): DotenvRead {
  if (Buffer.byteLength(text) > MAX_DOTENV_BYTES)
    throw new SuiteError('BAD_INPUT', 'That .env file is larger than 1 MiB; nothing was read.');
  const normalized = text.replace(/\r\n?/g, '\n');
  const lineOf = lineFinder(normalized);
  const covered = new Set<number>();
  const errors: DotenvLineError[] = [];
  for (const match of normalized.matchAll(DOTENV_LINE)) {
    if (match[0] === '') continue;
    const keyOffset = match.index + match[0].indexOf(match[1]!);
    const first = lineOf(keyOffset);
    const last = lineOf(match.index + match[0].trimEnd().length);
    for (let line = first; line <= last; line++) covered.add(line);
    const raw = (match[2] ?? '').trim();
    // dotenv reads an unclosed quote as part of the value; python-dotenv refuses the line.
    if (/^['"`]/.test(raw) && (raw.length < 2 || raw.at(-1) !== raw[0]))
      errors.push({ line: first, message: `the quote that opens the value of ${match[1]} is not closed` });
    else if (!VARIABLE_NAME.test(match[1]!))
      errors.push({ line: first, message: `${match[1]} is not a variable name a shell can set` });
  }
  normalized.split('\n').forEach((content, index) => {
    const line = index + 1;
    if (covered.has(line) || /^\s*(#.*)?$/.test(content)) return;
    errors.push({ line, message: 'not a KEY=value line' });
  });
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > MAX_ERRORS) {
    // A file that is not a .env file at all is said once, not line by line.
    const more = errors.length - MAX_ERRORS;
    errors.splice(MAX_ERRORS, more, {
      line: errors[MAX_ERRORS]!.line,
      message: `and ${more} more lines from here on that cannot be read`,
    });
  }
  const refused = new Set(errors.map((error) => error.line));
  let parsed = parse(normalized);
  // Names on refused lines are dropped from what dotenv read.
  for (const match of normalized.matchAll(DOTENV_LINE)) {
    if (match[0] !== '' && refused.has(lineOf(match.index + match[0].indexOf(match[1]!))))
      delete parsed[match[1]!];
  }
  if (expandFrom) {
    const processEnv: Record<string, string> = { ...expandFrom };
    parsed = expand({ parsed: { ...parsed }, processEnv }).parsed ?? parsed;
  }
  return { variables: Object.entries(parsed).map(([name, value]) => ({ name, value })), errors };
}

/** Quotings tried in turn; the first that dotenv reads back exactly is written. */
const QUOTINGS: ((value: string) => string)[] = [
  (value) => `'${value}'`,
  (value) => `"${value}"`,
  (value) => `\`${value}\``,
  (value) => value,
];

/** One KEY=value line per variable, each checked to read back byte-exact through dotenv. */
export function writeDotenv(variables: { name: string; value: string }[]): string {
  const text = variables
    .map(({ name, value }) => {
      for (const quote of QUOTINGS) {
        const line = `${name}=${quote(value)}`;
        if (parse(line)[name] === value) return `${line}\n`;
      }
      throw new SuiteError(
        'BAD_INPUT',
        `The value of ${name} cannot be written to a .env file that dotenv reads back exactly (its mix of quotes with #, \\n or line breaks has no exact .env form); nothing was exported.`,
      );
    })
    .join('');
  // Lines that read back alone must also read back together (a multi-line value next to others).
  const back = parse(text);
  const wrong = variables.find(({ name, value }) => back[name] !== value);
  if (wrong)
    throw new SuiteError(
      'FAILED',
      `The value of ${wrong.name} would not read back exactly; nothing was exported.`,
    );
  return text;
}
