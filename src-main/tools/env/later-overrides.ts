import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Assignment, PlanWarning } from '../../contract/env.ts';
import type { Change } from './change-rules.ts';
import type { EnvContext } from './env-context.ts';
import { knownVariables, startupFiles } from './shells.ts';
import { simpleCommands } from './shell-words.ts';
import { traceBashLogin, traceStartupFiles } from './startup-trace.ts';
import { findAssignments } from './where-set.ts';

type FileShell = 'bash' | 'zsh' | 'fish';

/** A command's text without a trailing comment: `export EDITOR=vim # not $EDITOR` does not keep $EDITOR. */
function withoutComment(text: string): string {
  let quote: string | null = null;
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (quote) {
      if (char === '\\' && quote === '"') at++;
      else if (char === quote) quote = null;
    } else if (char === '\\') at++;
    else if (char === "'" || char === '"') quote = char;
    else if (char === '#' && (at === 0 || /\s/.test(text[at - 1]!))) return text.slice(0, at);
  }
  return text;
}

/** `unset NAME`, bash's `export -n NAME`, zsh's `typeset +x NAME`, fish's `set -e NAME`: the value is gone. */
function unsets(words: string[], name: string, fish: boolean): boolean {
  const [first, ...rest] = words;
  if (fish)
    return first === 'set' && rest.some((word) => word === '-e' || word === '--erase') && rest.includes(name);
  if (first === 'unset') return rest.includes(name);
  if (first === 'export' || first === 'typeset' || first === 'declare')
    return rest.some((word) => word === '-n' || word === '+x') && rest.includes(name);
  return false;
}

async function unsetLines(files: string[], name: string, fish: boolean): Promise<Assignment[]> {
  const found: Assignment[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    for (const command of simpleCommands(text, fish)) {
      if (unsets(command.words, name, fish))
        found.push({ file, line: command.line, text: command.text, managed: false });
    }
  }
  return found;
}

/** The order the shell reads its files in, with the app's file in its place even before it exists. */
async function readingOrder(context: EnvContext, kind: FileShell, file: string): Promise<string[]> {
  if (kind === 'zsh') {
    // zsh is asked what it reads (files sourced in loops included); a file not there yet reads first.
    const binary = basename(context.shellPath) === 'zsh' ? context.shellPath : 'zsh';
    const traced = await traceStartupFiles('zsh', binary, context);
    return traced?.includes(file) ? traced : startupFiles(kind, context);
  }
  const order = startupFiles(kind, context);
  if (order.includes(file)) return order;
  // fish: conf.d fragments are read by file name; the app's own joins them when it is first written.
  const fragments = order.filter((path) => path.includes('/conf.d/'));
  const at = fragments.findIndex((path) => basename(path) > basename(file));
  const before = at < 0 ? fragments.length : order.indexOf(fragments[at]!);
  return [...order.slice(0, before), file, ...order.slice(before)];
}

/**
 * bash: a login shell reads one login file. When that file sources the app's file (~/.bash_profile
 * sourcing ~/.profile), its lines after that `.` and the files sourced after it come later.
 */
async function bashLater(
  context: EnvContext,
  file: string,
  change: Change,
): Promise<{ assignments: Assignment[]; files: string[] }> {
  const loginFile = ['.bash_profile', '.bash_login', '.profile']
    .map((name) => join(context.home, name))
    .find((path) => existsSync(path));
  const text = loginFile && loginFile !== file ? await readFile(loginFile, 'utf8').catch(() => null) : null;
  if (!loginFile || text === null) return { assignments: [], files: [] };
  const binary = basename(context.shellPath) === 'bash' ? context.shellPath : 'bash';
  const sourced = (await traceBashLogin(binary, context)) ?? [];
  if (!sourced.includes(file)) return { assignments: [], files: [] };
  const sourceLine =
    simpleCommands(text, false).find(
      (command) =>
        (command.words[0] === '.' || command.words[0] === 'source') &&
        basename(command.words[1]?.replace(/["']/g, '') ?? '') === basename(file),
    )?.line ?? 0;
  const after = sourced.slice(sourced.indexOf(file) + 1).filter((path) => path !== file);
  const fromLogin = await findAssignments('bash', change.name, [loginFile], knownVariables(context));
  const fromAfter = await findAssignments('bash', change.name, after, knownVariables(context));
  const inLogin = (found: Assignment) => found.file !== loginFile || (found.line ?? 0) > sourceLine;
  return {
    assignments: [
      ...fromLogin.assignments.filter((found) => found.file === loginFile && inLogin(found)),
      ...fromAfter.assignments,
    ],
    files: after,
  };
}

/**
 * Lines in files the shell reads after the app's file that set the variable again without keeping
 * its value ($NAME, zsh's path array, fish_add_path keep it), or unset it: the preview warns of each.
 */
export async function laterOverrides(
  context: EnvContext,
  kind: FileShell,
  file: string,
  change: Change,
): Promise<PlanWarning | null> {
  if (change.action === 'remove') return null;
  let assignments: Assignment[];
  let files: string[];
  if (kind === 'bash') {
    ({ assignments, files } = await bashLater(context, file, change));
  } else {
    const order = await readingOrder(context, kind, file);
    const later = order.slice(order.indexOf(file) + 1);
    ({ assignments, files } = await findAssignments(kind, change.name, later, knownVariables(context)));
  }
  const keeps = new RegExp(
    `\\$\\{?${change.name}\\b${change.name === 'PATH' ? '|\\$path\\b|^path\\+=|^fish_add_path\\b' : ''}`,
  );
  const setting = assignments.filter((found) => !found.managed && !keeps.test(withoutComment(found.text)));
  const unsetting = await unsetLines(files, change.name, kind === 'fish');
  const overriding = [...setting, ...unsetting].filter(
    // `export -n NAME` is both an assignment and an unset: one line, named once.
    (found, index, all) =>
      all.findIndex((other) => other.file === found.file && other.line === found.line) === index,
  );
  if (overriding.length === 0) return null;
  const home = context.home;
  const where = overriding
    .map(
      (found) =>
        `${found.file.startsWith(`${home}/`) ? `~${found.file.slice(home.length)}` : found.file}:${found.line} (${found.text.split('\n')[0]})`,
    )
    .join(', ');
  return {
    kind: 'overridden',
    message: `${where} ${overriding.length === 1 ? 'sets' : 'set'} ${change.name} again later${unsetting.length > 0 ? ' (or unset it)' : ''}, so shells that read ${overriding.length === 1 ? 'that file' : 'those files'} get that value instead of this one.`,
  };
}
