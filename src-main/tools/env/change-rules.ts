import { createHash, randomBytes } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import type { z } from 'zod';
import type { ChangePlan, PlanWarning, changeInput } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { pathDelimiter } from './path-like.ts';
import { hasUnwritableText } from './profile-bytes.ts';

/** What both writers (shell profiles and the Windows registry) share about a permanent change. */
export type Change = z.output<typeof changeInput>;

/** A preview as a writer computes it, before it is kept under an id. */
export type DraftPlan = Omit<ChangePlan, 'planId'>;

/** How a refused apply ends in the app; the CLI says "run the command again" instead. */
export const PREVIEW_AGAIN = 'Look at the new preview and apply again.';

/** Folders every Unix-like system keeps its basic commands in. */
const SYSTEM_FOLDERS = ['/usr/local/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'];

/**
 * Setting PATH to a list without /usr/bin and /bin leaves every later shell without ls, cat or sudo:
 * a warning the user must confirm. Adding one entry (prepend, append) never drops anything.
 */
export function systemPathWarning(change: Change): PlanWarning | null {
  if (change.name !== 'PATH' || change.action !== 'set') return null;
  // /usr/bin/ is /usr/bin.
  const entries = change.value.split(':').map((entry) => entry.replace(/(?<=.)\/+$/, ''));
  if (entries.includes('/usr/bin') || entries.includes('/bin')) return null;
  const dropped = SYSTEM_FOLDERS.filter((folder) => !entries.includes(folder));
  return {
    kind: 'drops-system-path',
    message: `PATH would no longer hold the system folders (${dropped.join(', ')}): ls, cat, sudo and most other commands stop working in every new shell. To add one folder, prepend or append it instead; write this only if you mean it.`,
  };
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** A sortable id that names one change in the undo journal. */
export const newUndoId = (prefix = '') =>
  `${prefix}${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;

/**
 * The whole text before and after, as `diff -u` prints it: without jsdiff's "Index:" preamble, and with
 * the name as the user knows it (jsdiff C-quotes names with backslashes or non-ASCII letters).
 */
export function unifiedDiff(label: string, before: string, after: string): string {
  const lines = createTwoFilesPatch(label, label, before, after, 'before', 'after', { context: 3 })
    .replace(/^Index: .*\n=+\n/, '')
    .split('\n');
  return [`--- ${label}\tbefore`, `+++ ${label}\tafter`, ...lines.slice(2)].join('\n');
}

/**
 * An empty entry in a PATH set for good (`/usr/bin:/bin:`, `::`) means the current folder: every
 * command typed in a folder someone else controls could run their program. A warning to confirm.
 */
export function emptyPathEntryWarning(change: Change): PlanWarning | null {
  if (change.name !== 'PATH' || change.action !== 'set' || change.value === '') return null;
  if (!change.value.split(':').includes('')) return null;
  return {
    kind: 'risky',
    message:
      'PATH would hold an empty entry (a leading, trailing or doubled ":"), which means the current folder: a program named like a command in whatever folder you are in would run instead. Write this only if you mean it.',
  };
}

/** Refuses values no writer can store as the user means them. */
export function checkValue(change: Change, platform: NodeJS.Platform): void {
  const adding = change.action === 'prepend' || change.action === 'append';
  if (adding && change.value.includes(pathDelimiter(platform))) {
    throw new SuiteError(
      'BAD_INPUT',
      `Add one entry at a time: "${pathDelimiter(platform)}" separates entries.`,
    );
  }
  if (adding && change.value === '') {
    throw new SuiteError('BAD_INPUT', 'An empty entry would mean the current folder; give a folder.');
  }
  if (change.value.includes('\0'))
    throw new SuiteError('BAD_INPUT', 'A value cannot contain a NUL character.');
  if (hasUnwritableText(change.value))
    throw new SuiteError(
      'BAD_INPUT',
      'The value holds bytes that are not UTF-8 (shown as \uFFFD), which cannot be written as given; nothing was written.',
    );
}
