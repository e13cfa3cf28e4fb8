import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, delimiter, join } from 'node:path';
import type { ShellCheck } from '../../contract/env.ts';
import type { EnvContext } from './env-context.ts';
import { readShellEnvironment } from './login-env.ts';
import type { ServedStart } from './shells.ts';

/**
 * Starts each kind of shell a file serves and lets `judge` say whether what it sees is right; a shell
 * that is missing, fails or is cancelled gets a check saying so. Cancelling stops after the shell in
 * flight: the change is already written, and its undo id must still reach the caller.
 */
export async function checkEachShell(
  serves: ServedStart[],
  context: EnvContext,
  options: { signal?: AbortSignal; without?: string },
  judge: (start: ServedStart, env: Record<string, string>) => ShellCheck,
): Promise<ShellCheck[]> {
  const checks: ShellCheck[] = [];
  const unchecked = (start: ServedStart, why: string): ShellCheck => ({
    invocation: start.invocation,
    tookEffect: false,
    seen: null,
    message: `${start.invocation}: ${why}`,
  });
  for (const start of serves) {
    const binary = await programPath(start.program, context);
    if (!binary) {
      checks.push(unchecked(start, `not checked, no ${start.program} on PATH.`));
      continue;
    }
    try {
      const env = await readShellEnvironment(
        { invocation: start.invocation, binary, options: start.options, fish: start.program === 'fish' },
        context,
        options,
      );
      checks.push(judge(start, env));
    } catch (error) {
      if (options.signal?.aborted) {
        checks.push(unchecked(start, 'not checked, the check was cancelled.'));
        break;
      }
      checks.push(unchecked(start, `could not check: ${(error as Error).message}`));
    }
  }
  return checks;
}

/** The program to check with: SHELL when it is that shell, else the first on PATH. */
export async function programPath(
  program: ServedStart['program'],
  context: EnvContext,
): Promise<string | null> {
  if (basename(context.shellPath) === program) return context.shellPath;
  for (const dir of (context.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, program);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return null;
}
