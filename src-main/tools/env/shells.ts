import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ShellKind } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import type { EnvContext } from './env-context.ts';

export function detectShell(context: EnvContext, override?: ShellKind): ShellKind | 'unknown' {
  if (override) return override;
  if (context.platform === 'win32') return 'windows';
  const name = basename(context.shellPath);
  return name === 'bash' || name === 'zsh' || name === 'fish' ? name : 'unknown';
}

export function requireShell(context: EnvContext, override?: ShellKind): ShellKind {
  const kind = detectShell(context, override);
  if (kind === 'unknown') {
    throw new SuiteError(
      'BAD_INPUT',
      `Your shell (SHELL=${context.shellPath || 'unset'}) is not one this app edits; choose bash, zsh or fish.`,
    );
  }
  return kind;
}

const zdot = (context: EnvContext) => context.env.ZDOTDIR ?? context.home;
const fishConfig = (context: EnvContext) =>
  join(context.env.XDG_CONFIG_HOME ?? join(context.home, '.config'), 'fish');

function fishFragments(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.fish'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** The startup files each shell reads when it starts as a login shell, in the order it reads them. */
export function startupFiles(kind: ShellKind, context: EnvContext): string[] {
  const home = context.home;
  switch (kind) {
    case 'bash':
      return [
        '/etc/profile',
        '/etc/bash.bashrc',
        join(home, '.bash_profile'),
        join(home, '.bash_login'),
        join(home, '.profile'),
        join(home, '.bashrc'),
      ];
    case 'zsh':
      return [
        '/etc/zshenv',
        '/etc/zsh/zshenv',
        join(zdot(context), '.zshenv'),
        '/etc/zprofile',
        '/etc/zsh/zprofile',
        join(zdot(context), '.zprofile'),
        '/etc/zshrc',
        '/etc/zsh/zshrc',
        join(zdot(context), '.zshrc'),
        '/etc/zlogin',
        '/etc/zsh/zlogin',
        join(zdot(context), '.zlogin'),
      ];
    case 'fish':
      return [
        ...fishFragments('/etc/fish/conf.d'),
        '/etc/fish/config.fish',
        ...fishFragments(join(fishConfig(context), 'conf.d')),
        join(fishConfig(context), 'config.fish'),
      ];
    case 'windows':
      return [];
  }
}

function readsBashrc(file: string): boolean {
  try {
    return /\.bashrc/.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

function exists(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false }) !== undefined;
}

export interface Target {
  file: string;
  reason: string;
}

/**
 * The one file the app writes for a shell. The choices, per shell and system:
 * - bash on macOS: ~/.bash_profile, because Terminal starts login shells, which read it.
 * - bash on Linux: ~/.bashrc, which terminals read, when the login file bash uses (~/.bash_profile,
 *   ~/.bash_login or ~/.profile, the first that exists) reads it too, as Debian's and Ubuntu's
 *   ~/.profile does; otherwise that login file itself, so that login shells see the setting.
 * - zsh on macOS: ~/.zprofile, read by login shells after /etc/zprofile's path_helper, which would
 *   reorder a PATH set earlier; zsh elsewhere: ~/.zshenv, which every zsh reads. ZDOTDIR is honoured.
 * - fish: conf.d/devutil-suite.fish, a file of the app's own that fish reads at every start.
 */
export function targetFile(kind: Exclude<ShellKind, 'windows'>, context: EnvContext): Target {
  const home = context.home;
  if (kind === 'fish') {
    return {
      file: join(fishConfig(context), 'conf.d', 'devutil-suite.fish'),
      reason: 'fish reads every file in conf.d at start; this one is the app’s own.',
    };
  }
  if (kind === 'zsh') {
    return context.platform === 'darwin'
      ? {
          file: join(zdot(context), '.zprofile'),
          reason: 'zsh login shells on macOS read ~/.zprofile after path_helper has set the system PATH.',
        }
      : { file: join(zdot(context), '.zshenv'), reason: 'Every zsh reads ~/.zshenv, login or not.' };
  }
  if (context.platform === 'darwin') {
    return {
      file: join(home, '.bash_profile'),
      reason: 'Terminal on macOS starts login shells, which read ~/.bash_profile.',
    };
  }
  const loginFile = ['.bash_profile', '.bash_login', '.profile'].map((name) => join(home, name)).find(exists);
  if (loginFile && readsBashrc(loginFile)) {
    return {
      file: join(home, '.bashrc'),
      reason: `Terminals on Linux start shells that read ~/.bashrc, and login shells read it through ${loginFile.replace(home, '~')}.`,
    };
  }
  const file = loginFile ?? join(home, '.profile');
  return {
    file,
    reason: `Login shells read ${file.replace(home, '~')}; no login file here reads ~/.bashrc, so the setting goes there.`,
  };
}
