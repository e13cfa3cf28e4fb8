import { z } from 'zod';
import type { ShellKind } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { fishQuote, posixQuote } from './quoting.ts';

export const BEGIN = '# >>> devutil-suite >>>';
export const END = '# <<< devutil-suite <<<';
const NOTE = '# Managed by DevUtil Suite, which rewrites this block: change it with the app.';
const DATA_PREFIX = '# devutil-suite-data: ';

const entrySchema = z.object({
  name: z.string(),
  /** remove takes one entry out of a PATH-like list (profiles only). */
  action: z.enum(['set', 'prepend', 'append', 'remove']),
  value: z.string(),
  /** The profile that wrote this entry; absent for the app's own single-variable changes. */
  profile: z.string().optional(),
  /** A set of a list: entries the user turned off, kept in the block as comments. */
  disabled: z.array(z.string()).optional(),
});
const dataSchema = z.object({ v: z.literal(1), entries: z.array(entrySchema), addedLineBreak: z.boolean() });
export type Entry = z.output<typeof entrySchema>;
type FileShell = Exclude<ShellKind, 'windows'>;

export interface ParsedProfile {
  /** Text before the block (or the whole file when there is none). */
  before: string;
  after: string;
  entries: Entry[];
  /** The block began with a line break the app added after a last line that had none. */
  addedLineBreak: boolean;
  hasBlock: boolean;
}

/** One line per entry. Values are quoted so the shell reads them back literally. */
function entryLine(entry: Entry, shell: FileShell): string {
  // JSON keeps a disabled entry on one comment line whatever it holds.
  const disabled = (entry.disabled ?? []).map(
    (off) => `\n# disabled in ${entry.name}: ${JSON.stringify(off)}`,
  );
  return activeLine(entry, shell) + disabled.join('');
}

function activeLine(entry: Entry, shell: FileShell): string {
  const { name, value } = entry;
  if (entry.action === 'remove') return removeLine(name, value, shell);
  if (shell === 'fish') {
    if (entry.action === 'set') return `set -gx ${name} ${fishQuote(value)}`;
    return entry.action === 'prepend'
      ? `set -gx --path ${name} ${fishQuote(value)} $${name}`
      : `set -gx --path ${name} $${name} ${fishQuote(value)}`;
  }
  // ${NAME:+…} adds the separator only when NAME is set, so an empty entry (the current folder) never appears.
  if (entry.action === 'set') return `export ${name}=${posixQuote(value)}`;
  return entry.action === 'prepend'
    ? `export ${name}=${posixQuote(value)}"\${${name}:+:$${name}}"`
    : `export ${name}="\${${name}:+$${name}:}"${posixQuote(value)}`;
}

/**
 * Every occurrence of one entry taken out of a list, with the shell's own builtins only. sh, bash and
 * zsh walk the list with parameter expansions (no word splitting or globbing involved); fish erases
 * by index.
 */
function removeLine(name: string, value: string, shell: FileShell): string {
  if (shell === 'fish')
    return `while set -l __devutil_i (contains -i -- ${fishQuote(value)} $${name}); set -e ${name}[$__devutil_i]; end`;
  return [
    `if [ -n "\${${name}+x}" ]; then __devutil_rest="$${name}:"; __devutil_out=; __devutil_first=1`,
    `while [ -n "$__devutil_rest" ]; do __devutil_e=\${__devutil_rest%%:*}; __devutil_rest=\${__devutil_rest#*:}`,
    `if [ "$__devutil_e" != ${posixQuote(value)} ]; then if [ -n "$__devutil_first" ]; then __devutil_out=$__devutil_e; __devutil_first=; else __devutil_out="$__devutil_out:$__devutil_e"; fi; fi`,
    `done; export ${name}="$__devutil_out"; unset __devutil_rest __devutil_out __devutil_first __devutil_e; fi`,
  ].join('; ');
}

/** The block from its first marker to its last line break, always LF: a CR would end up inside values. */
function blockLines(entries: Entry[], shell: FileShell, addedLineBreak: boolean): string {
  const data = JSON.stringify({ v: 1, entries, addedLineBreak });
  const lines = [
    BEGIN,
    NOTE,
    `${DATA_PREFIX}${data}`,
    ...entries.map((entry) => entryLine(entry, shell)),
    END,
  ];
  return `${lines.join('\n')}\n`;
}

/** The block as inserted: after a line break of its own when the file's last line had none. */
function blockText(entries: Entry[], shell: FileShell, addedLineBreak: boolean): string {
  return `${addedLineBreak ? '\n' : ''}${blockLines(entries, shell, addedLineBreak)}`;
}

/** Splits a profile into the user's text and the app's block, refusing a block that is damaged or hand-edited. */
export function parseProfile(text: string, shell: FileShell, file: string): ParsedProfile {
  const lines = text.split('\n');
  const begins = lines.flatMap((line, index) => (line.replace(/\r$/, '') === BEGIN ? [index] : []));
  const ends = lines.flatMap((line, index) => (line.replace(/\r$/, '') === END ? [index] : []));
  if (begins.length === 0 && ends.length === 0) {
    return { before: text, after: '', entries: [], addedLineBreak: false, hasBlock: false };
  }
  const damaged = (why: string) =>
    new SuiteError(
      'CONFLICT',
      `The DevUtil Suite block in ${file} ${why}; fix or remove it by hand, then try again. Nothing was changed.`,
    );
  if (begins.length !== 1 || ends.length !== 1 || ends[0]! < begins[0]!)
    throw damaged('is damaged (its markers do not pair up)');
  const [begin, end] = [begins[0]!, ends[0]!];
  const dataLine = lines[begin + 2]?.replace(/\r$/, '') ?? '';
  let data: z.output<typeof dataSchema>;
  try {
    data = dataSchema.parse(JSON.parse(dataLine.slice(DATA_PREFIX.length)));
    if (!dataLine.startsWith(DATA_PREFIX)) throw new Error('no data line');
  } catch {
    throw damaged('is damaged (its data line is missing or unreadable)');
  }
  let before = lines.slice(0, begin).join('\n') + (begin > 0 ? '\n' : '');
  const after = lines.slice(end + 1).join('\n');
  // A block whose line ends were all turned into CRLF (an editor, git's autocrlf) is still the app's own.
  const ownLines = lines.slice(begin, end + 1);
  const crlf = ownLines.every((line) => line.endsWith('\r'));
  const written = (crlf ? ownLines.map((line) => line.slice(0, -1)) : ownLines).join('\n') + '\n';
  if (written !== blockLines(data.entries, shell, data.addedLineBreak)) throw damaged('was edited by hand');
  if (data.addedLineBreak) {
    if (!before.endsWith('\n')) throw damaged('has lost the line break before it');
    before = before.slice(0, -1);
  }
  return { before, after, entries: data.entries, addedLineBreak: data.addedLineBreak, hasBlock: true };
}

/** The file with the block rewritten for these entries, or removed when there are none. */
export function renderProfile(profile: ParsedProfile, entries: Entry[], shell: FileShell): string {
  if (entries.length === 0) return profile.before + profile.after;
  // A last line without a line break gets one, and the block remembers it added it, to take it back.
  const addedLineBreak = profile.hasBlock
    ? profile.addedLineBreak
    : profile.before !== '' && !profile.before.endsWith('\n');
  return profile.before + blockText(entries, shell, addedLineBreak) + profile.after;
}

/**
 * The entries after a change: set replaces a name's entries, prepend and append add one after them,
 * remove drops them. Entries written by a profile are the profile's: a change of one variable keeps them.
 */
export function changeEntries(
  entries: Entry[],
  change: { name: string; action: Entry['action']; value: string; disabled?: string[] },
): Entry[] {
  const isMine = (entry: Entry) => entry.name === change.name && entry.profile === undefined;
  const others = entries.filter((entry) => !isMine(entry));
  const mine = entries.filter(isMine);
  switch (change.action) {
    case 'remove':
      return others;
    case 'set': {
      const disabled = change.disabled?.length ? { disabled: change.disabled } : {};
      return [...others, { name: change.name, action: 'set', value: change.value, ...disabled }];
    }
    default: {
      // An earlier set stays first (set /first, then append /second: /first:/second); the same entry
      // added again moves to its new place instead of appearing twice.
      const kept = mine.filter((entry) => entry.action === 'set' || entry.value !== change.value);
      return [...others, ...kept, { name: change.name, action: change.action, value: change.value }];
    }
  }
}
