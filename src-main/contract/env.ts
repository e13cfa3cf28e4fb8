import { z } from 'zod';
import { channel } from './define.ts';

export const SHELLS = ['bash', 'zsh', 'fish', 'windows'] as const;
export type ShellKind = (typeof SHELLS)[number];

/** POSIX's rule for a portable variable name. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const name = z
  .string()
  .trim()
  .max(200, 'A variable name is at most 200 characters long.')
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
  /** Entries of a PATH-like list turned off in the list editor: kept in the block as comments, not in effect. */
  disabled: z.array(z.string().max(4096)).max(1000).default([]),
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
  /**
   * conflict: two active profiles (or a profile and a single change) give one variable different values.
   * risky: a name (HOME, IFS, LD_PRELOAD …) or a PATH with an empty entry (the current folder) that
   * changes how everything starts; like drops-system-path, it needs a yes.
   */
  kind: 'drops-system-path' | 'risky' | 'replaces' | 'overridden' | 'not-read' | 'conflict';
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

/** A profile's name: what the CLI and the block's data line call it. */
export const PROFILE_NAME = /^[\w.-]{1,64}$/;
const profileName = z
  .string()
  .trim()
  .regex(PROFILE_NAME, 'A profile name is 1 to 64 letters, digits, dots, dashes or underscores.');

export const profileEntryInput = z.object({
  name,
  /** set gives the variable this value; prepend, append and remove edit one entry of a PATH-like list. */
  action: z.enum(['set', 'prepend', 'append', 'remove']),
  value,
});
export type ProfileEntry = z.output<typeof profileEntryInput>;

/** A named set of variables and list edits, enabled and disabled as one change. */
export interface EnvProfile {
  name: string;
  entries: ProfileEntry[];
}

export interface ProfileList {
  profiles: EnvProfile[];
  /** The profiles enabled in the shell's managed block, in the order they apply (later wins). */
  active: string[];
  /** The profile file was unreadable and set aside, when it was. */
  notice: string | null;
}

export interface DotenvImport {
  profile: EnvProfile | null;
  /** Lines that could not be read, each with its number: any one stops the import. */
  errors: { line: number; message: string }[];
}

/** One entry of a PATH-like list, as the list editor shows it. */
export interface PathEntryInspection {
  value: string;
  exists: boolean;
  isFolder: boolean;
  /** Earlier in the list (the same folder again, as written or resolved). */
  duplicateOf: number | null;
  /** Commands found here first that a later entry also has: those later copies never run. */
  shadows: { command: string; hiddenIn: string }[];
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
    z.object({
      undoId: z
        .string()
        .regex(/^[\w.-]{1,100}$/, 'That is not an undo id; it is what a change printed after "Undo:".'),
    }),
    'Restore the file as it was before a change',
  ),
  'env.profiles': channel<ProfileList>()(z.object({ shell }), 'Saved profiles and which are enabled'),
  'env.profileSave': channel<EnvProfile>()(
    z.object({ profile: profileName, entry: profileEntryInput }),
    'Save one variable edit in a profile (the profile is made when new)',
  ),
  'env.profileDelete': channel<{ deleted: string }>()(
    z.object({ profile: profileName }),
    'Delete a saved profile (disable it first to take it out of the block)',
  ),
  'env.profilePlan': channel<ChangePlan>()(
    z.object({ profile: profileName, enable: z.boolean(), shell, reveal: z.boolean().default(false) }),
    'Preview enabling or disabling a profile as one diff, conflicts with other enabled profiles named',
  ),
  'env.profileExport': channel<{ text: string }>()(
    z.object({ profile: profileName }),
    "A profile's variables as a .env file",
  ),
  'env.profileImport': channel<DotenvImport>()(
    z.object({
      profile: profileName,
      text: z.string().max(1024 * 1024, 'That .env file is larger than 1 MiB.'),
      /** Fill in ${VAR} references (from earlier lines and this environment); literal otherwise. */
      expand: z.boolean().default(false),
    }),
    'Replace a profile with the variables of a .env file',
  ),
  'env.pathEntries': channel<PathEntryInspection[]>()(
    z.object({ entries: z.array(z.string().max(4096)).max(1000) }),
    'For each entry of a PATH-like list: exists, is a folder, and the commands it shadows',
  ),
  'env.commands': channel<TemporaryCommands>()(
    z.object({ name, value }),
    'Commands that set a variable for this session only',
  ),
};
