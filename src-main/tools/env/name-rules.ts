import type { PlanWarning, ShellKind } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';

type FileShell = Exclude<ShellKind, 'windows'>;

/**
 * Names a shell will not let a startup file export (read-only or of another type): the line would
 * print an error at every start, and in zsh stop the rest of the file. Checked against each real
 * shell (`export NAME=x`, fish's `set -gx NAME x`).
 */
export const SHELL_SPECIAL_NAMES: Record<FileShell, readonly string[]> = {
  bash: ['SHELLOPTS', 'BASHOPTS', 'UID', 'EUID', 'PPID', 'BASH_VERSINFO'],
  zsh: [
    'path',
    'fpath',
    'cdpath',
    'manpath',
    'mailpath',
    'module_path',
    'psvar',
    'status',
    'HISTCMD',
    'ARGC',
    'PPID',
    'LINENO',
    'TTYIDLE',
    'ZSH_SUBSHELL',
  ],
  fish: [
    'status',
    'pipestatus',
    'history',
    'PWD',
    'SHLVL',
    'FISH_VERSION',
    'fish_pid',
    'fish_kill_signal',
    'hostname',
    'version',
    'umask',
  ],
};

/** Names the app itself uses in the block's code or its checks: a user's value would break them. */
const RESERVED = /^(?:_|SUITE_ENV_OUT|__devutil_\w*)$/;

/** Names that change how every later shell or program starts: written only after the user says yes. */
const RISKY: Record<string, string> = {
  HOME: 'every program would look for your files in another folder',
  IFS: 'every shell would split words differently, which breaks most scripts',
  BASH_ENV: 'every non-interactive bash would run that file first',
  ENV: 'every interactive sh would run that file first',
  SHELL: 'programs would start that shell for you',
  ZDOTDIR: 'zsh would read its other startup files from another folder',
  LD_PRELOAD: 'every program would load that library first',
  LD_LIBRARY_PATH: 'every program would look for its libraries there first',
  LD_AUDIT: 'every program would load that library first',
  DYLD_INSERT_LIBRARIES: 'every program would load that library first',
  DYLD_LIBRARY_PATH: 'every program would look for its libraries there first',
};

/** Refuses a name this shell cannot take or the app keeps for itself, before anything is written. */
export function checkName(name: string, shell: FileShell): void {
  if (RESERVED.test(name)) {
    throw new SuiteError(
      'BAD_INPUT',
      `${name} is a name DevUtil Suite uses itself (or the shell's last argument); choose another name.`,
    );
  }
  if (SHELL_SPECIAL_NAMES[shell].includes(name)) {
    throw new SuiteError(
      'BAD_INPUT',
      `${name} is special to ${shell} (read-only or not a plain variable); ${shell} would refuse it at every start, so nothing was written.`,
    );
  }
}

/** A warning the user must confirm for a name that changes how every later shell or program starts. */
export function riskyNameWarning(name: string, action: string): PlanWarning | null {
  const why = RISKY[name];
  if (why === undefined || action === 'remove') return null;
  return {
    kind: 'risky',
    message: `Setting ${name} for good changes how everything starts: ${why}. Write this only if you mean it.`,
  };
}
