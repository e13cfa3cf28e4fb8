import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShellKind } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import type { EnvContext } from './env-context.ts';
import { fishQuote, posixQuote } from './quoting.ts';
import { runShell } from './shell-process.ts';
import type { RunOptions } from './shell-process.ts';

export { LOGIN_SHELL_TIMEOUT_MS } from './shell-process.ts';
export type { RunOptions } from './shell-process.ts';

/** One way of starting a shell: `bash -lc`, `sh -lc`, `zsh -ic`, `fish -lc` … */
export interface ShellStart {
  /** As a person would type it: "bash -lc". */
  invocation: string;
  binary: string;
  /** The options before the command, e.g. ['-l', '-c'] (the command follows). */
  options: string[];
  fish: boolean;
}

/** `_` is the last command (env itself), not something the startup files set. */
const HELPERS = ['_'];

/** NAME=value records separated by NUL, as `env -0` prints them. */
function parseEnvDump(dump: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const record of dump.split('\0')) {
    const equals = record.indexOf('=');
    if (equals > 0) env[record.slice(0, equals)] = record.slice(equals + 1);
  }
  for (const name of HELPERS) delete env[name];
  return env;
}

/**
 * The environment a shell started this way ends up with after its startup files. The shell runs
 * `env -0` (coreutils, BSD and macOS have it) into a file, then renames it into place: that rename is
 * the sentinel that it finished. No pipe is read, so a background child a profile leaves running
 * (`(sleep 30 &)`) cannot hold the call open; the whole process group is killed afterwards, on a
 * timeout and when the caller cancels.
 */
export async function readShellEnvironment(
  start: ShellStart,
  context: EnvContext,
  options: RunOptions = {},
): Promise<Record<string, string>> {
  // `command` skips aliases and functions a profile may define for env or mv. The output path is
  // written into the command itself: no variable or argument a startup file could change.
  const command = (out: string) => {
    const [part, done] = start.fish
      ? [fishQuote(`${out}.part`), fishQuote(out)]
      : [posixQuote(`${out}.part`), posixQuote(out)];
    return start.fish
      ? `command env -0 > ${part}; and command mv ${part} ${done}`
      : `command env -0 > ${part} && command mv ${part} ${done}`;
  };
  const what = start.invocation;
  return runShell(
    start.binary,
    (dir) => ({ args: [...start.options, command(join(dir, 'env'))] }),
    context,
    what,
    async ({ code, stderr }, dir) => {
      const dump = await readFile(join(dir, 'env'), 'utf8').catch(() => null);
      if (dump !== null) return parseEnvDump(dump);
      const last = stderr.trim().split('\n').at(-1)?.slice(0, 300) ?? '';
      throw new SuiteError(
        'FAILED',
        code === 0
          ? `Your login shell (${what}) did not report its environment${last ? `: ${last}` : '.'}`
          : `Your login shell (${what}) exited with status ${code}${last ? `: ${last}` : '.'}`,
      );
    },
    options,
  );
}

/** How the app reads "the environment a new login shell gets": an interactive login shell, as a terminal starts it. */
export function interactiveLogin(kind: Exclude<ShellKind, 'windows'>, binary: string): ShellStart {
  return kind === 'fish'
    ? { invocation: 'fish -lic', binary, options: ['--login', '--interactive', '--command'], fish: true }
    : { invocation: `${kind} -lic`, binary, options: ['-i', '-l', '-c'], fish: false };
}

/** The environment a new interactive login shell of the user has, as VS Code resolves it. */
export function readLoginEnvironment(
  kind: Exclude<ShellKind, 'windows'>,
  shellPath: string,
  context: EnvContext,
  options: RunOptions = {},
): Promise<Record<string, string>> {
  return readShellEnvironment(interactiveLogin(kind, shellPath), context, options);
}
