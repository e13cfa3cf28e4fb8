import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { ShellKind } from '../../src-main/contract/env.ts';
import { contextFromProcess } from '../../src-main/tools/env/env-context.ts';
import type { EnvContext } from '../../src-main/tools/env/env-context.ts';
import { applyChange, planChange } from '../../src-main/tools/env/permanent-change.ts';

export type FileShellKind = Exclude<ShellKind, 'windows'>;

/** A fresh temporary HOME whose login shell is the given one; `base` puts it elsewhere than the temp folder. */
export async function testHome(
  shell: FileShellKind,
  base = tmpdir(),
): Promise<{ home: string; context: EnvContext }> {
  const home = await mkdtemp(join(base, `suite-env-${shell}-`));
  afterAll(() => rm(home, { recursive: true, force: true }));
  const context = contextFromProcess({
    ...process.env,
    HOME: home,
    SHELL: execFileSync('which', [shell], { encoding: 'utf8' }).trim(),
  });
  return { home, context };
}

/** Preview then apply that preview by its id, as the form does. */
export async function setForGood(
  context: EnvContext,
  change: Parameters<typeof planChange>[1],
  options: { verify?: boolean; confirmed?: boolean } = {},
) {
  const plan = await planChange(context, change);
  return applyChange(
    context,
    { planId: plan.planId, confirmed: options.confirmed ?? false, reveal: change.reveal ?? false },
    { verify: options.verify },
  );
}

/** The shell itself sources the file, with no other startup file, and prints the variable: what it really read. */
export function sourceAndRead(shell: FileShellKind, file: string, name: string): string {
  const print = `printf '%s' "$${name}"`;
  const args =
    shell === 'fish'
      ? ['--no-config', '-c', `source $argv[1]; ${print}`, file]
      : shell === 'zsh'
        ? ['-f', '-c', `. "$1"; ${print}`, 'zsh', file]
        : ['--norc', '--noprofile', '-c', `. "$1"; ${print}`, 'bash', file];
  return execFileSync(shell, args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
}
