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
  /** Show secret values in the diff and messages (they are masked by default). */
  reveal: z.boolean().default(false),
});

/** Only the id of a preview: what is written is exactly what that preview showed, nothing sent now. */
export const applyInput = z
  .object({
    planId: z.string().regex(/^[0-9a-f]{32}$/, 'Preview the change first.'),
    /** The user accepted the preview's warnings that ask for it (a PATH without the system folders). */
    confirmed: z.boolean().default(false),
    reveal: z.boolean().default(false),
  })
  .strict();

export interface PathEntry {
  value: string;
  problem: 'missing' | 'not-a-directory' | 'duplicate' | 'empty' | null;
}

export interface Variable {
  name: string;
  value: string;
  /** The name looks like it holds a secret (TOKEN, SECRET, PASSWORD, KEY …): shown masked until revealed. */
  secret: boolean;
  /** The value as shown until revealed (secret names, passwords inside URLs); null when nothing is hidden. */
  masked: string | null;
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

export interface PlanWarning {
  kind: 'drops-system-path' | 'replaces' | 'overridden' | 'not-read';
  message: string;
}

/** One way a shell starts (`bash -lc`, `zsh -ic` …), as the check after a write runs it. */
export interface ShellCheck {
  invocation: string;
  tookEffect: boolean;
  seen: string | null;
  message: string;
}

export interface ChangePlan {
  /** What env.apply takes: bound to this name, value, action, shell and the file's digest. */
  planId: string;
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
  /** The ways of starting the shell that read this file, each checked after the write. */
  serves: string[];
  warnings: PlanWarning[];
  /** A warning needs an explicit yes (env.apply with confirmed) before anything is written. */
  needsConfirmation: boolean;
}

export interface Verification {
  /** Whether every kind of shell the file serves sees the change. */
  tookEffect: boolean;
  seen: string | null;
  message: string;
  checks: ShellCheck[];
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
  'env.where': channel<WhereResult>()(
    z.object({ name, shell, reveal: z.boolean().default(false) }),
    'The startup files that assign a variable',
  ),
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
