import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EnvContext } from './env-context.ts';
import { BASH_LOGIN, SH_LOGIN, targetFile } from './shells.ts';
import type { Target } from './shells.ts';
import { readShellEnvironment } from './login-env.ts';
import { traceBashLogin } from './startup-trace.ts';

/**
 * zsh reads ~/.zprofile from the ZDOTDIR its .zshenv files set (an XDG layout exports
 * ZDOTDIR=~/.config/zsh there), not the app's own: asked of a fresh `zsh -c`, which reads only those.
 */
async function zprofileWhereZshReadsIt(target: Target, context: EnvContext): Promise<Target> {
  const binary = basename(context.shellPath) === 'zsh' ? context.shellPath : 'zsh';
  const env = await readShellEnvironment(
    { invocation: 'zsh -c', binary, options: ['-c'], fish: false },
    context,
  ).catch(() => null);
  const zdot = env?.ZDOTDIR;
  if (zdot === undefined || !zdot.startsWith('/'))
    return { ...target, file: join(context.home, '.zprofile') };
  return {
    ...target,
    file: join(zdot, '.zprofile'),
    reason: `${target.reason} ZDOTDIR is ${zdot}, as zsh's .zshenv files set it.`,
  };
}

/**
 * The file to write, by the shells' rules (targetFile), with one question put to bash itself: when
 * its login file is ~/.bash_profile or ~/.bash_login and that file sources ~/.profile (bash's trace
 * of `bash -lc` shows it), ~/.profile is the better home, read by bash and sh login shells alike.
 */
export async function chooseTarget(kind: 'bash' | 'zsh' | 'fish', context: EnvContext): Promise<Target> {
  const target = targetFile(kind, context);
  if (kind === 'zsh' && context.platform === 'darwin') return zprofileWhereZshReadsIt(target, context);
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
