import { spawn } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SuiteError, cancelled } from '../../core/suite-error.ts';
import type { EnvContext } from './env-context.ts';

export const LOGIN_SHELL_TIMEOUT_MS = 10_000;
/** More of a shell's stderr (a startup trace) than this is not read. */
const STDERR_LIMIT = 4 * 1024 * 1024;

export interface RunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A variable the shell must not get from the app even if it is among those a login passes on (the one checked). */
  without?: string;
}

/**
 * The PATH a fresh login starts with before any startup file runs (systemd's default, which login(1)
 * gives root too): with the sbin folders, which fish on Debian would otherwise append after the block.
 */
export const LOGIN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** What a login (a terminal, ssh, the display manager) passes on; everything else the startup files set. */
const PASSED_ON = ['USER', 'LOGNAME', 'SHELL', 'TERM', 'LANG', 'LANGUAGE', 'TMPDIR'];

/**
 * The environment a fresh login starts a shell with: HOME, the account's names, terminal and locale,
 * and a minimal PATH, never the app's own variables (its terminal's FOO, ZDOTDIR, XDG_CONFIG_HOME or
 * PATH), so that what the shell reports comes from the startup files alone.
 */
export function loginLikeEnvironment(context: EnvContext, without?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(context.env)) {
    if (value !== undefined && (PASSED_ON.includes(name) || name.startsWith('LC_'))) env[name] = value;
  }
  if (without !== undefined) delete env[without];
  return { ...env, HOME: context.home, PATH: LOGIN_PATH };
}

export interface ShellOutcome {
  code: number | null;
  stderr: string;
}

/** Ends the shell and anything it left running in the background (its whole process group). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs a shell with the user's HOME in a process group of its own, stdin and stdout closed and
 * stderr into a temporary file. It is done when the shell process exits: no pipe is waited on, so a
 * background child a profile leaves running (`(sleep 30 &)`) cannot hold the call open. The whole
 * group is killed afterwards, on the timeout, and at once when the caller cancels. `command` and
 * `finish` get a temporary folder for files the shell writes, removed afterwards.
 */
export async function runShell<T>(
  binary: string,
  command: (dir: string) => { args: string[] },
  context: EnvContext,
  what: string,
  finish: (outcome: ShellOutcome, dir: string) => Promise<T>,
  { timeoutMs = LOGIN_SHELL_TIMEOUT_MS, signal, without }: RunOptions = {},
): Promise<T> {
  if (signal?.aborted) throw cancelled();
  const dir = await mkdtemp(join(tmpdir(), 'suite-env-'));
  const errors = await open(join(dir, 'stderr'), 'w');
  try {
    const { args } = command(dir);
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(binary, args, {
        cwd: context.home,
        env: loginLikeEnvironment(context, without),
        stdio: ['ignore', 'ignore', errors.fd],
        detached: true,
      });
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        done();
        killGroup(child.pid);
        reject(cancelled());
      };
      const timer = setTimeout(() => {
        done();
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
        done();
        reject(new SuiteError('FAILED', `Could not start ${binary}: ${error.message}`));
      });
      // 'exit', not 'close': a background child may keep inherited descriptors open for long.
      child.on('exit', (exitCode) => {
        done();
        killGroup(child.pid);
        resolve(exitCode);
      });
    });
    const stderr = await readStart(join(dir, 'stderr'));
    return await finish({ code, stderr }, dir);
  } finally {
    await errors.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function readStart(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(STDERR_LIMIT);
    const { bytesRead } = await handle.read(buffer, 0, STDERR_LIMIT, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
