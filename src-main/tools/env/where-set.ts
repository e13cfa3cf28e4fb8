import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Assignment, ShellKind } from '../../contract/env.ts';
import { BEGIN, END } from './managed-block.ts';
import { literalWord, simpleCommands } from './shell-words.ts';
import type { SimpleCommand } from './shell-words.ts';

/** How deep `. file` inside `. file` is followed. */
export const SOURCE_DEPTH_LIMIT = 5;

type FileShell = Exclude<ShellKind, 'windows'>;

const NAME = /^[A-Za-z_]\w*$/;
const ASSIGNMENT = /^([A-Za-z_]\w*)(?:\[[^\]]*\])?\+?=/;
const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'readonly']);

/** The names a POSIX-family command assigns or exports: `A=1 cmd`, `export A=1 B`, `typeset -gx A`. */
function posixNames(words: string[]): string[] {
  const names: string[] = [];
  let index = 0;
  for (; index < words.length; index++) {
    const match = ASSIGNMENT.exec(words[index]!);
    if (!match) break;
    names.push(match[1]!);
  }
  if (index === words.length) return names;
  // Assignments before a real command (A=1 make) set it for that command only.
  if (!DECLARATIONS.has(words[index]!)) return [];
  for (const word of words.slice(index + 1)) {
    if (word.startsWith('-') || word.startsWith('+')) continue;
    const match = ASSIGNMENT.exec(word);
    if (match) names.push(match[1]!);
    else if (NAME.test(word)) names.push(word);
  }
  return names;
}

/** The name fish's `set` changes, unless it only queries or lists. */
function fishSetName(words: string[]): string | null {
  if (words[0] !== 'set') return null;
  for (const word of words.slice(1)) {
    if (word.startsWith('-')) {
      if (/^-(?:-(?:query|names|show)$|[a-zA-Z]*[qnS])/.test(word)) return null;
      continue;
    }
    return word;
  }
  return null;
}

function assigns(command: SimpleCommand, name: string, kind: FileShell): boolean {
  const words = command.words;
  if (kind === 'fish')
    return fishSetName(words) === name || (name === 'PATH' && words[0] === 'fish_add_path');
  if (posixNames(words).includes(name)) return true;
  // zsh ties PATH to the array path: path+=(…), path=(…).
  return kind === 'zsh' && name === 'PATH' && posixNames(words).includes('path');
}

/** The file a `. FILE` or `source FILE` command reads, when it can be known without running anything. */
function sourcedFile(command: SimpleCommand, vars: Map<string, string>): string | null {
  const [first, argument] = command.words;
  if ((first !== '.' && first !== 'source') || argument === undefined) return null;
  const path = literalWord(argument, vars);
  if (path === null || path === '') return null;
  return isAbsolute(path) ? path : join(vars.get('HOME') ?? '', path);
}

/** Remembers simple assignments (ZSH="$HOME/.oh-my-zsh") so that a later `source $ZSH/…` resolves. */
function learn(command: SimpleCommand, kind: FileShell, vars: Map<string, string>): void {
  const words = command.words[0] === 'export' ? command.words.slice(1) : command.words;
  if (kind === 'fish') {
    const name = fishSetName(command.words);
    const value = command.words.at(-1);
    if (name && value && value !== name) {
      const literal = literalWord(value, vars);
      if (literal !== null) vars.set(name, literal);
    }
    return;
  }
  for (const word of words) {
    const match = /^([A-Za-z_]\w*)=(.*)$/s.exec(word);
    if (!match) return;
    const literal = literalWord(match[2]!, vars);
    if (literal !== null) vars.set(match[1]!, literal);
  }
}

/** More of one startup file than this is not read: a profile is a few kilobytes. */
const FILE_LIMIT = 2 * 1024 * 1024;

/**
 * A startup file's text, or null when it is not a regular file (a `. /dev/stdin` or a FIFO would
 * block, /dev/zero never end) or cannot be read; only its first 2 MiB.
 */
async function readStartupFile(file: string): Promise<string | null> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!(await handle.stat()).isFile()) return null;
    const buffer = Buffer.alloc(FILE_LIMIT);
    const { bytesRead } = await handle.read(buffer, 0, FILE_LIMIT, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

export interface FoundFiles {
  /** Every file read, in the order the shell meets them: startup files and the files they source. */
  files: string[];
  assignments: Assignment[];
}

/**
 * Every command in the given startup files, and in the files they source (followed up to a depth
 * limit, each file once), that sets or exports the variable: in any position of a line
 * (`A=1 && export A`, `if …; then export A=…; fi`, `export A=1 B=2`).
 */
export async function findAssignments(
  kind: FileShell,
  name: string,
  startupFiles: string[],
  known: Record<string, string>,
): Promise<FoundFiles> {
  const vars = new Map(Object.entries(known));
  const files: string[] = [];
  const assignments: Assignment[] = [];
  const visit = async (file: string, depth: number): Promise<void> => {
    if (files.includes(file)) return;
    const text = await readStartupFile(file);
    if (text === null) return;
    files.push(file);
    const managedLines = managedRange(text);
    for (const command of simpleCommands(text, kind === 'fish')) {
      if (assigns(command, name, kind)) {
        assignments.push({
          file,
          line: command.line,
          text: command.text,
          managed: command.line > managedLines[0] && command.line < managedLines[1],
        });
      }
      learn(command, kind, vars);
      const sourced = sourcedFile(command, vars);
      if (sourced && depth < SOURCE_DEPTH_LIMIT) await visit(sourced, depth + 1);
    }
  };
  for (const file of startupFiles) await visit(file, 0);
  return { files, assignments };
}

/** The lines of the app's own block, as [begin, end] (nothing when there is none). */
function managedRange(text: string): [number, number] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const begin = lines.indexOf(BEGIN);
  const end = lines.indexOf(END);
  return begin >= 0 && end > begin ? [begin + 1, end + 1] : [0, 0];
}

/**
 * A value as fish writes it in fish_variables (its full_escape): ASCII letters and digits as they are,
 * other characters as \xHH, \uHHHH or \UHHHHHHHH; \x1e separates the items of a list.
 */
function decodeUniversal(encoded: string): string[] {
  const decoded = encoded.replace(
    /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/g,
    (_, x, u, big) => String.fromCodePoint(parseInt((x ?? u ?? big) as string, 16)),
  );
  return decoded.split('\x1e');
}

/** A universal variable (`set -U`) in fish_variables, which every fish shares and keeps across restarts. */
export async function findUniversal(file: string, name: string): Promise<Assignment[]> {
  const text = (await readStartupFile(file)) ?? '';
  const found: Assignment[] = [];
  text.split('\n').forEach((line, index) => {
    const match = /^SETUVAR (--export )?([A-Za-z_]\w*):(.*)$/.exec(line);
    if (!match || match[2] !== name) return;
    const values = decodeUniversal(match[3]!).map((value) => `'${value.replace(/[\\']/g, '\\$&')}'`);
    found.push({
      file,
      line: index + 1,
      text: `set -U${match[1] ? 'x' : ''} ${name} ${values.join(' ')}`,
      managed: false,
    });
  });
  return found;
}
