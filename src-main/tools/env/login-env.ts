import { spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellKind } from '../../contract/env.ts';
import { SuiteError, cancelled } from '../../core/suite-error.ts';
import type { EnvContext } from './env-context.ts';

export const LOGIN_SHELL_TIMEOUT_MS = 10_000;

/** One way of starting a shell: `bash -lc`, `sh -lc`, `zsh -ic`, `fish -lc` … */
export interface ShellStart {
  /** As a person would type it: "bash -lc". */
  invocation: string;
  binary: string;
  /** The options before the command, e.g. ['-l', '-c'] (the command follows). */
  options: string[];
  fish: boolean;
}

export interface RunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Our own variable, removed from what the shell reports; `_` is the last command (env itself). */
const HELPERS = ['SUITE_ENV_OUT', '_'];

/** Ends the shell and anything it left running in the background (its whole process group). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

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
  { timeoutMs = LOGIN_SHELL_TIMEOUT_MS, signal }: RunOptions = {},
): Promise<Record<string, string>> {
  if (signal?.aborted) throw cancelled();
  const dir = await mkdtemp(join(tmpdir(), 'suite-env-'));
  const out = join(dir, 'env');
  const errors = await open(join(dir, 'stderr'), 'w');
  // `command` skips aliases and functions a profile may define for env or mv.
  const command = start.fish
    ? 'command env -0 > $SUITE_ENV_OUT.part; and command mv $SUITE_ENV_OUT.part $SUITE_ENV_OUT'
    : 'command env -0 > "$SUITE_ENV_OUT.part" && command mv "$SUITE_ENV_OUT.part" "$SUITE_ENV_OUT"';
  const what = start.invocation;
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(start.binary, [...start.options, command], {
        cwd: context.home,
        env: { ...context.env, HOME: context.home, SUITE_ENV_OUT: out },
        stdio: ['ignore', 'ignore', errors.fd],
        detached: true,
      });
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        finish();
        killGroup(child.pid);
        reject(cancelled());
      };
      const timer = setTimeout(() => {
        finish();
        killGroup(child.pid);
        reject(
          new SuiteError(
            'TIMEOUT',
            `Your login shell (${what}) did not finish within ${timeoutMs / 1000} s; a startup file may be waiting for input.`,
          ),
        );
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      child.on('error', (error) => {
        finish();
        reject(new SuiteError('FAILED', `Could not start ${start.binary}: ${error.message}`));
      });
      // 'exit', not 'close': a background child may keep inherited descriptors open for long.
      child.on('exit', (exitCode) => {
        finish();
        killGroup(child.pid);
        resolve(exitCode);
      });
    });
    const dump = await readFile(out, 'utf8').catch(() => null);
    if (dump === null) {
      const stderr = (await readFile(join(dir, 'stderr'), 'utf8').catch(() => '')).trim();
      const last = stderr.split('\n').at(-1)?.slice(0, 300) ?? '';
      throw new SuiteError(
        'FAILED',
        code === 0
          ? `Your login shell (${what}) did not report its environment${last ? `: ${last}` : '.'}`
          : `Your login shell (${what}) exited with status ${code}${last ? `: ${last}` : '.'}`,
      );
    }
    return parseEnvDump(dump);
  } finally {
    await errors.close();
    await rm(dir, { recursive: true, force: true });
  }
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
