import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EnvContext } from './env-context.ts';
import { BASH_LOGIN, SH_LOGIN, targetFile } from './shells.ts';
import type { Target } from './shells.ts';
import { traceBashLogin } from './startup-trace.ts';

/**
 * The file to write, by the shells' rules (targetFile), with one question put to bash itself: when
 * its login file is ~/.bash_profile or ~/.bash_login and that file sources ~/.profile (bash's trace
 * of `bash -lc` shows it), ~/.profile is the better home, read by bash and sh login shells alike.
 */
export async function chooseTarget(kind: 'bash' | 'zsh' | 'fish', context: EnvContext): Promise<Target> {
  const target = targetFile(kind, context);
  const profile = join(context.home, '.profile');
  if (kind !== 'bash' || target.file === profile || !existsSync(profile)) return target;
  const binary = basename(context.shellPath) === 'bash' ? context.shellPath : 'bash';
  const sourced = await traceBashLogin(binary, context);
  if (!sourced?.includes(profile)) return target;
  return {
    file: profile,
    reason: `bash login shells read ${target.file.replace(context.home, '~')}, which sources ~/.profile (bash's own trace shows it); sh login shells read ~/.profile too.`,
    serves: [...BASH_LOGIN, SH_LOGIN],
  };
}
