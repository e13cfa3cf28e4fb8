import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvContext } from './env-context.ts';
import { runShell } from './shell-process.ts';
import type { RunOptions } from './shell-process.ts';

/** zsh's SOURCE_TRACE line for each file it reads: `+/home/me/.zshrc:1> <sourcetrace>`. */
const ZSH_SOURCE = /^\+(\/.*):\d+> <sourcetrace>$/;
/**
 * bash's xtrace of a `.` or `source` command, after expansion: `++ . /home/me/.cargo/env`, whatever
 * PS4 a startup file set (`+ /home/me/.bash_profile:2: . /home/me/.profile`), the path quoted by bash
 * when it holds a space (`++ . '/home/my name/.profile'`).
 */
const BASH_SOURCE = /(?:^|\s)(?:\.|source) ((?:'[^']*'|\\.|[^\s'\\])+)$/;
/** The word as bash's trace quoted it: '…' parts and backslash escapes. */
const unquoted = (word: string) =>
  word.replace(/'([^']*)'|\\(.)/g, (_all, quoted?: string, escaped?: string) => quoted ?? escaped ?? '');

/** One traced start: the files it read by the shell's own account, in order. */
async function trace(
  kind: 'bash' | 'zsh',
  binary: string,
  args: string[],
  first: string[],
  context: EnvContext,
  options: RunOptions,
): Promise<string[]> {
  return runShell(
    binary,
    () => ({ args }),
    context,
    `${kind} ${args.join(' ')}`,
    async ({ stderr }) => [
      ...first,
      ...stderr.split('\n').flatMap((line) => {
        const path = (kind === 'zsh' ? ZSH_SOURCE : BASH_SOURCE).exec(line)?.[1];
        if (path === undefined) return [];
        const file = kind === 'zsh' ? path : unquoted(path);
        return file.startsWith('/') ? [file] : [];
      }),
    ],
    options,
  );
}

/**
 * The startup files the shell really reads, in order, by asking it: zsh with SOURCE_TRACE (an
 * interactive login shell reads every kind of file) prints each file it reads; bash with -x prints
 * each `.`/`source` it runs, also inside loops and conditions, after the files it reads by its rules:
 * /etc/profile and the one login file for a login shell, /etc/bash.bashrc and ~/.bashrc for an
 * interactive one, as terminals start it. Null when the shell could not be asked (it failed or hung):
 * the caller falls back to the documented order.
 */
export async function traceStartupFiles(
  kind: 'bash' | 'zsh',
  binary: string,
  context: EnvContext,
  options: RunOptions = {},
): Promise<string[] | null> {
  try {
    const traced =
      kind === 'zsh'
        ? await trace(kind, binary, ['-o', 'SOURCE_TRACE', '-l', '-i', '-c', 'true'], [], context, options)
        : [
            ...(await trace(
              kind,
              binary,
              ['-l', '-i', '-x', '-c', 'true'],
              ['/etc/profile', ...loginFile(context)],
              context,
              options,
            )),
            ...(await trace(
              kind,
              binary,
              ['-i', '-x', '-c', 'true'],
              ['/etc/bash.bashrc', join(context.home, '.bashrc')],
              context,
              options,
            )),
          ];
    return [...new Set(traced)].filter((file) => existsSync(file));
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return null;
  }
}

/** The one login file bash reads: the first of these that exists. */
function loginFile(context: EnvContext): string[] {
  return ['.bash_profile', '.bash_login', '.profile']
    .map((name) => join(context.home, name))
    .filter((file) => existsSync(file))
    .slice(0, 1);
}

/** The files a non-interactive bash login shell (`bash -lc`) sources, by its own trace; null when it cannot be asked. */
export async function traceBashLogin(binary: string, context: EnvContext): Promise<string[] | null> {
  try {
    return await trace('bash', binary, ['-l', '-x', '-c', 'true'], [], context, {});
  } catch {
    return null;
  }
}
