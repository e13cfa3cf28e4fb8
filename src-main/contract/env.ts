import { z } from 'zod';
import { channel } from './define.ts';

export const SHELLS = ['bash', 'zsh', 'fish', 'windows'] as const;
export type ShellKind = (typeof SHELLS)[number];

/** POSIX's rule for a portable variable name. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const name = z
  .string()
  .trim()
  .max(200)
  .regex(
    VARIABLE_NAME,
    'A variable name is letters, digits and underscores, and does not start with a digit.',
  );
const value = z
  .string()
  .max(32_768, 'That value is longer than 32,768 characters, more than shells reliably take.');
const shell = z.enum(SHELLS).optional();

export const changeInput = z.object({
  name,
  value: value.default(''),
  /** set replaces; prepend and append add one entry to a PATH-like list; remove drops what the app set. */
  action: z.enum(['set', 'prepend', 'append', 'remove']),
  shell,
});

export const applyInput = changeInput.extend({
  /** SHA-256 of the file as the preview read it: a file changed since is not overwritten. */
  expectedSha256: z.string().regex(/^[0-9a-f]{64}$|^absent$/, 'Preview the change first.'),
});

export interface PathEntry {
  value: string;
  problem: 'missing' | 'not-a-directory' | 'duplicate' | 'empty' | null;
}

export interface Variable {
  name: string;
  value: string;
  /** The name looks like it holds a secret (TOKEN, SECRET, PASSWORD, KEY …): shown masked until revealed. */
  secret: boolean;
  /** PATH-like variables as their list of entries, each checked. */
  entries: PathEntry[] | null;
}

export interface EnvironmentView {
  shell: { kind: ShellKind | 'unknown'; path: string };
  /**
   * Where the values came from: a fresh login shell; on Windows the registry, as a new program gets
   * them; or this process when neither could be had.
   */
  source: 'login-shell' | 'registry' | 'process';
  /** Why the login shell or the registry could not be used, when it could not. */
  fallbackReason: string | null;
  home: string;
  /** What separates the entries of PATH-like variables here: ":", or ";" on Windows. */
  pathDelimiter: ':' | ';';
  variables: Variable[];
}

export interface Assignment {
  /** A startup file, or on Windows a registry key. */
  file: string;
  /** The line in the file; null for a registry value. */
  line: number | null;
  text: string;
  /** The app's own managed block. */
  managed: boolean;
}

export interface WhereResult {
  name: string;
  shell: ShellKind | 'unknown';
  /** Every startup file the shell reads, in order, and whether it exists. */
  files: { path: string; exists: boolean }[];
  assignments: Assignment[];
}

export interface ChangePlan {
  file: string;
  /** The real file edited when `file` is a symbolic link. */
  target: string;
  shell: ShellKind;
  /** Unified diff of the whole file, before and after. */
  diff: string;
  expectedSha256: string;
  /** Why this file, for this shell and system. */
  reason: string;
  /** Nothing would change (the value is already set that way). */
  unchanged: boolean;
}

export interface Verification {
  /** Whether a fresh login shell sees the change. */
  tookEffect: boolean;
  seen: string | null;
  message: string;
}

export interface ApplyResult {
  plan: ChangePlan;
  backup: string | null;
  undoId: string;
  verification: Verification;
}

export interface UndoResult {
  file: string;
  restoredFrom: string | null;
  message: string;
}

export interface TemporaryCommands {
  bash: string;
  fish: string;
  powershell: string;
  cmd: string;
  /** What cmd cannot express exactly, if anything. */
  cmdWarning: string | null;
}

export const envChannels = {
  'env.list': channel<EnvironmentView>()(
    z.object({ shell }),
    'The environment a new login shell of the user gets',
  ),
  'env.where': channel<WhereResult>()(z.object({ name, shell }), 'The startup files that assign a variable'),
  'env.plan': channel<ChangePlan>()(changeInput, 'Preview a permanent change as a diff of the right profile'),
  'env.apply': channel<ApplyResult>()(
    applyInput,
    'Write a previewed change, back up the file, and check it took effect',
  ),
  'env.undo': channel<UndoResult>()(
    z.object({ undoId: z.string().regex(/^[\w.-]{1,100}$/) }),
    'Restore the file as it was before a change',
  ),
  'env.commands': channel<TemporaryCommands>()(
    z.object({ name, value }),
    'Commands that set a variable for this session only',
  ),
};
