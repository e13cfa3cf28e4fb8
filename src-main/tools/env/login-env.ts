import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellKind } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import type { EnvContext } from './env-context.ts';

export const LOGIN_SHELL_TIMEOUT_MS = 10_000;

/** Our own variables, removed from what the shell reports. */
const HELPERS = ['SUITE_ENV_OUT', 'SUITE_NODE', 'SUITE_SCRIPT', 'ELECTRON_RUN_AS_NODE'];
const DUMP = "require('fs').writeFileSync(process.env.SUITE_ENV_OUT, JSON.stringify(process.env))";

/**
 * The environment a new login shell of the user has, as VS Code resolves it: the shell runs as an
 * interactive login shell and starts this runtime's own Node, which writes its environment to a file
 * (so that anything the startup files print cannot garble it). Bounded in time; the whole process
 * group is killed when the shell hangs.
 */
export async function readLoginEnvironment(
  kind: Exclude<ShellKind, 'windows'>,
  shellPath: string,
  context: EnvContext,
  timeoutMs = LOGIN_SHELL_TIMEOUT_MS,
): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'suite-env-'));
  const out = join(dir, 'env.json');
  const command = '"$SUITE_NODE" -e "$SUITE_SCRIPT"';
  const args =
    kind === 'fish' ? ['--login', '--interactive', '--command', command] : ['-i', '-l', '-c', command];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(shellPath, args, {
        cwd: context.home,
        env: {
          ...context.env,
          HOME: context.home,
          SUITE_ENV_OUT: out,
          SUITE_NODE: process.execPath,
          SUITE_SCRIPT: DUMP,
          ELECTRON_RUN_AS_NODE: '1',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      });
      let stderr = '';
      child.stderr
        .setEncoding('utf8')
        .on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
        reject(
          new SuiteError(
            'TIMEOUT',
            `Your login shell (${kind}) did not finish within ${timeoutMs / 1000} s; a startup file may be waiting for input.`,
          ),
        );
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new SuiteError('FAILED', `Could not start ${shellPath}: ${error.message}`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else
          reject(
            new SuiteError(
              'FAILED',
              `Your login shell (${kind}) exited with status ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`,
            ),
          );
      });
    });
    const env = JSON.parse(await readFile(out, 'utf8')) as Record<string, string>;
    for (const name of HELPERS) delete env[name];
    return env;
  } catch (error) {
    if (error instanceof SuiteError) throw error;
    throw new SuiteError('FAILED', `Your login shell (${kind}) did not report its environment.`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
