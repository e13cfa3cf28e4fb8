import { readdirSync, statSync } from 'node:fs';
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

/** A folder variable as its readers take it: empty means unset, and a relative path is ignored (XDG spec). */
export const absoluteOr = (value: string | undefined, fallback: string): string =>
  value !== undefined && value.startsWith('/') ? value : fallback;
/**
 * ZDOTDIR for the files zsh reads after ~/.zshenv (which may set it). ~/.zshenv itself is always
 * $HOME/.zshenv: a fresh login has no ZDOTDIR when zsh reads it, whatever the app's own terminal has.
 */
const zdot = (context: EnvContext) => absoluteOr(context.env.ZDOTDIR, context.home);
const zshenv = (context: EnvContext) => join(context.home, '.zshenv');
const xdgConfig = (context: EnvContext) =>
  absoluteOr(context.env.XDG_CONFIG_HOME, join(context.home, '.config'));
const fishConfig = (context: EnvContext) => join(xdgConfig(context), 'fish');

/**
 * conf.d fragments as fish reads them: the user's folder, then the system's, merged and sorted by file
 * name, a user file hiding a system file of the same name.
 */
function fishFragments(context: EnvContext): string[] {
  const byName = new Map<string, string>();
  for (const dir of [
    '/usr/share/fish/vendor_conf.d',
    '/etc/fish/conf.d',
    join(fishConfig(context), 'conf.d'),
  ]) {
    try {
      for (const name of readdirSync(dir)) if (name.endsWith('.fish')) byName.set(name, join(dir, name));
    } catch {
      // A folder that does not exist has no fragments.
    }
  }
  return [...byName.keys()].sort().map((name) => byName.get(name)!);
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
        zshenv(context),
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
      return [...fishFragments(context), '/etc/fish/config.fish', join(fishConfig(context), 'config.fish')];
    case 'windows':
      return [];
  }
}

function exists(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false }) !== undefined;
}

/** A way of starting a shell that reads the file, as the check after a write runs it. */
export interface ServedStart {
  invocation: string;
  program: 'bash' | 'sh' | 'zsh' | 'fish';
  options: string[];
}

export const BASH_LOGIN: ServedStart[] = [
  { invocation: 'bash -lc', program: 'bash', options: ['-l', '-c'] },
  { invocation: 'bash -lic', program: 'bash', options: ['-l', '-i', '-c'] },
];
export const SH_LOGIN: ServedStart = { invocation: 'sh -lc', program: 'sh', options: ['-l', '-c'] };
const ZSH_ALL: ServedStart[] = [
  { invocation: 'zsh -lc', program: 'zsh', options: ['-l', '-c'] },
  { invocation: 'zsh -ic', program: 'zsh', options: ['-i', '-c'] },
  { invocation: 'zsh -c', program: 'zsh', options: ['-c'] },
];
const FISH_ALL: ServedStart[] = [
  { invocation: 'fish -lc', program: 'fish', options: ['--login', '--command'] },
  { invocation: 'fish -ic', program: 'fish', options: ['--interactive', '--command'] },
];

export interface Target {
  file: string;
  reason: string;
  /** Every way of starting a shell that reads this file; the check after a write runs each. */
  serves: ServedStart[];
}

/**
 * The one file the app writes for a shell, by the rules the shells themselves follow (their manuals'
 * INVOCATION sections), never by searching the files' text:
 * - bash: the one login file bash reads, the first of ~/.bash_profile, ~/.bash_login and ~/.profile
 *   that exists (a new ~/.bash_profile would stop bash reading ~/.profile). Login shells read it,
 *   interactive or not (`bash -lc`, `bash -lic`), and so does the desktop session on Debian and
 *   Ubuntu; ~/.bashrc is no choice, since Debian's returns at its top in non-interactive shells.
 *   `sh -lc` reads ~/.profile too. Without any, ~/.profile (~/.bash_profile on macOS, whose Terminal
 *   starts bash login shells).
 * - zsh on macOS: ~/.zprofile, read by login shells after /etc/zprofile's path_helper, which would
 *   reorder a PATH set earlier; zsh elsewhere: ~/.zshenv, which every zsh reads. ZDOTDIR is honoured.
 * - fish: conf.d/devutil-suite.fish, a file of the app's own that fish reads at every start.
 */
export function targetFile(kind: Exclude<ShellKind, 'windows'>, context: EnvContext): Target {
  const home = context.home;
  const short = (file: string) => (file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file);
  if (kind === 'fish') {
    return {
      file: join(fishConfig(context), 'conf.d', 'devutil-suite.fish'),
      reason: 'fish reads every file in conf.d at start, login or not; this one is the app’s own.',
      serves: FISH_ALL,
    };
  }
  if (kind === 'zsh') {
    return context.platform === 'darwin'
      ? {
          file: join(zdot(context), '.zprofile'),
          reason: 'zsh login shells on macOS read ~/.zprofile after path_helper has set the system PATH.',
          serves: [ZSH_ALL[0]!, { invocation: 'zsh -lic', program: 'zsh', options: ['-l', '-i', '-c'] }],
        }
      : {
          file: zshenv(context),
          reason: 'Every zsh reads ~/.zshenv first, login or not, interactive or not.',
          serves: ZSH_ALL,
        };
  }
  const loginFiles = ['.bash_profile', '.bash_login', '.profile'].map((name) => join(home, name));
  const existing = loginFiles.find(exists);
  const file = existing ?? join(home, context.platform === 'darwin' ? '.bash_profile' : '.profile');
  const isProfile = file.endsWith('/.profile');
  return {
    file,
    reason: existing
      ? `bash login shells read the first of ~/.bash_profile, ~/.bash_login and ~/.profile that exists: ${short(file)}${isProfile ? ', which sh login shells read too' : ''}.`
      : `No login file exists yet; bash login shells${isProfile ? ' and sh login shells' : ''} read ${short(file)}.`,
    serves: isProfile ? [...BASH_LOGIN, SH_LOGIN] : BASH_LOGIN,
  };
}

/** Variables a startup file's `. "$HOME/…"` lines may use, known without running the shell. */
export function knownVariables(context: EnvContext): Record<string, string> {
  return {
    HOME: context.home,
    ZDOTDIR: zdot(context),
    XDG_CONFIG_HOME: xdgConfig(context),
    __fish_config_dir: fishConfig(context),
  };
}

/** fish's universal variables, shared by every fish and read at its start. */
export const fishVariablesFile = (context: EnvContext) => join(fishConfig(context), 'fish_variables');
