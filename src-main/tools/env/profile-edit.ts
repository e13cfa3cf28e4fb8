import { constants } from 'node:fs';
import { access, copyFile, lstat, mkdir, readFile, realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { ApplyResult, PlanWarning, ShellKind, UndoResult, Verification } from '../../contract/env.ts';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { JsonStore } from '../../core/json-store.ts';
import { SuiteError, fileError } from '../../core/suite-error.ts';
import {
  PREVIEW_AGAIN,
  checkValue,
  emptyPathEntryWarning,
  newUndoId,
  sha256,
  systemPathWarning,
  unifiedDiff,
} from './change-rules.ts';
import type { Change, DraftPlan } from './change-rules.ts';
import type { EnvContext } from './env-context.ts';
import { withFileLock } from './file-lock.ts';
import { laterOverrides } from './later-overrides.ts';
import { changeEntries, parseProfile, renderProfile } from './managed-block.ts';
import type { Entry } from './managed-block.ts';
import { seenBefore, verifyInShells } from './profile-verify.ts';
import { isPathLike } from './path-like.ts';
import { chooseTarget } from './choose-target.ts';
import { decodeProfile, encodeProfile, showBytes } from './profile-bytes.ts';
import { maskedValue } from './secrets.ts';
import { checkName, riskyNameWarning } from './name-rules.ts';
import type { ServedStart } from './shells.ts';

type FileShell = Exclude<ShellKind, 'windows'>;

interface Prepared {
  plan: DraftPlan;
  serves: ServedStart[];
  oldText: string | null;
  newText: string;
}

/** The real file behind a profile path: a symbolic link is followed, so the link itself stays a link. */
async function resolveTarget(file: string): Promise<string> {
  const info = await lstat(file).catch(() => null);
  if (!info?.isSymbolicLink()) return file;
  try {
    return await realpath(file);
  } catch {
    throw new SuiteError(
      'NOT_FOUND',
      `${file} is a symbolic link to a file that does not exist; fix the link first. Nothing was changed.`,
    );
  }
}

/**
 * One edit of the managed block: the entries after it, and what the preview warns about. A single
 * variable change is one; enabling or disabling a profile is another, written as one change.
 */
export interface BlockEdit {
  edit(current: Entry[], file: string): Promise<{ entries: Entry[]; warnings: (PlanWarning | null)[] }>;
  /** Asks fresh shells whether they see the edit, after it is written. */
  verify(serves: ServedStart[], signal?: AbortSignal): Promise<Verification>;
  /** Reads what fresh shells have before the write, when verify needs it to judge. */
  before?(serves: ServedStart[], signal?: AbortSignal): Promise<void>;
}

/** Reads the right profile and computes the edit, without writing anything. */
async function prepareEdit(context: EnvContext, edit: BlockEdit, kind: FileShell): Promise<Prepared> {
  const { file, reason, serves } = await chooseTarget(kind, context);
  const target = await resolveTarget(file);
  let oldText: string | null;
  try {
    // Bytes, not UTF-8: whatever is outside the block is written back exactly as it was.
    oldText = decodeProfile(await readFile(target));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(error, file);
    oldText = null;
  }
  const profile = parseProfile(oldText ?? '', kind, file);
  const { entries, warnings: found } = await edit.edit(profile.entries, file);
  const newText = renderProfile(profile, entries, kind);
  const diff = unifiedDiff(file, showBytes(oldText ?? ''), showBytes(newText));
  const warnings = found.filter((warning): warning is PlanWarning => warning !== null);
  return {
    serves,
    oldText,
    newText,
    plan: {
      file,
      target,
      shell: kind,
      diff,
      expectedSha256: oldText === null ? 'absent' : sha256(encodeProfile(oldText)),
      reason,
      unchanged: newText === (oldText ?? ''),
      serves: serves.map((start) => start.invocation),
      warnings,
      needsConfirmation: warnings.some(
        (warning) => warning.kind === 'drops-system-path' || warning.kind === 'risky',
      ),
    },
  };
}

/** A change of one variable as a block edit: the app's own entries for it, never a profile's. */
function singleChange(context: EnvContext, change: Change, kind: FileShell): BlockEdit {
  checkValue(change, context.platform);
  checkName(change.name, kind);
  let removed: Entry[] = [];
  let seen: Map<string, string | null> | undefined;
  const isMine = (entry: Entry) => entry.name === change.name && entry.profile === undefined;
  return {
    async edit(current, file) {
      // Adding an entry the block has already changes nothing a shell could show: judged by presence.
      if (
        current.some(
          (entry) => isMine(entry) && entry.action === change.action && entry.value === change.value,
        )
      )
        seen = undefined;
      removed =
        change.action === 'remove'
          ? current.filter((entry) => entry.name === change.name && entry.profile === undefined)
          : [];
      if (change.action === 'remove' && removed.length === 0) {
        throw new SuiteError(
          'BAD_INPUT',
          `DevUtil Suite has not set ${change.name} in ${file}; there is nothing of its own to remove.`,
        );
      }
      return {
        entries: changeEntries(current, change),
        warnings: [
          systemPathWarning(change),
          emptyPathEntryWarning(change),
          riskyNameWarning(change.name, change.action),
          replacedEntries(current, change),
          await laterOverrides(context, kind, file, change),
        ],
      };
    },
    async before(serves, signal) {
      // Only list entries need it: the same entry may come from another file as well.
      if (change.action !== 'set' && isPathLike(change.name))
        seen = await seenBefore(context, serves, change.name, signal);
    },
    verify: (serves, signal) => verifyInShells(context, serves, change, removed, signal, seen),
  };
}

/** A set after the app prepended or appended entries to the name replaces them: the preview says so. */
function replacedEntries(entries: Entry[], change: Change): PlanWarning | null {
  if (change.action !== 'set') return null;
  const added = entries.filter(
    (entry) => entry.name === change.name && entry.action !== 'set' && entry.profile === undefined,
  );
  if (added.length === 0) return null;
  return {
    kind: 'replaces',
    message: `This replaces the entries DevUtil Suite added to ${change.name} before (${added.map((entry) => `${entry.action} ${maskedValue(entry.name, entry.value) ?? entry.value}`).join(', ')}).`,
  };
}

export async function planProfileChange(
  context: EnvContext,
  change: Change,
  kind: FileShell,
): Promise<DraftPlan> {
  return (await prepareEdit(context, singleChange(context, change, kind), kind)).plan;
}

export async function planBlockEdit(
  context: EnvContext,
  edit: BlockEdit,
  kind: FileShell,
): Promise<DraftPlan> {
  return (await prepareEdit(context, edit, kind)).plan;
}

/** Refuses a profile nobody may write: root could, but a read-only mode is the user's decision. */
async function checkWritable(target: string, file: string): Promise<void> {
  const info = await stat(target).catch(() => null);
  if (info && (info.mode & 0o222) === 0) {
    throw new SuiteError(
      'PERMISSION',
      `${file} is read-only (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}); make it writable first. Nothing was changed.`,
    );
  }
  // A new file goes into its folder, which may not exist yet (fish's conf.d): check the nearest that does.
  let check = info ? target : dirname(target);
  while (!info && !(await stat(check).catch(() => null)) && dirname(check) !== check) check = dirname(check);
  await access(check, constants.W_OK).catch(() => {
    throw new SuiteError('PERMISSION', `${check} cannot be written: permission denied. Nothing was changed.`);
  });
}

const journalSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      backup: z.string().nullable(),
      writtenSha256: z.string(),
      undone: z.boolean(),
      at: z.string(),
    }),
  ),
});
type JournalEntry = z.output<typeof journalSchema>['entries'][number];
const JOURNAL_LIMIT = 500;
const journal = (context: EnvContext) =>
  new JsonStore(join(context.stateDir, 'env-journal.json'), journalSchema, { entries: [] });

/** Reads, changes and saves the journal under its lock, so that parallel writers never lose an entry. */
async function updateJournal(
  context: EnvContext,
  update: (entries: JournalEntry[]) => JournalEntry[],
): Promise<void> {
  const store = journal(context);
  await mkdir(context.stateDir, { recursive: true });
  await withFileLock(store.path, async () => {
    const { value } = await store.load();
    await store.save({ entries: update(value.entries) });
  });
}

/**
 * Writes a previewed change. Under a lock beside the file, shared by every DevUtil Suite process: the
 * file is read again and refused if it changed since the preview, backed up, written atomically, and
 * the undo journal updated (under its own lock). Then, outside the locks, each kind of shell the file
 * serves is started to check it (`verify: false` skips that, for bulk use).
 */
export async function applyProfileChange(
  context: EnvContext,
  change: Change,
  expectedSha256: string,
  kind: FileShell,
  options: { verify?: boolean; signal?: AbortSignal } = {},
): Promise<Omit<ApplyResult, 'plan'> & { plan: DraftPlan }> {
  return applyBlockEdit(context, singleChange(context, change, kind), expectedSha256, kind, options);
}

/** Writes a previewed block edit, as applyProfileChange describes. */
export async function applyBlockEdit(
  context: EnvContext,
  edit: BlockEdit,
  expectedSha256: string,
  kind: FileShell,
  options: { verify?: boolean; signal?: AbortSignal } = {},
): Promise<Omit<ApplyResult, 'plan'> & { plan: DraftPlan }> {
  const { file, serves } = await chooseTarget(kind, context);
  if (options.verify !== false) await edit.before?.(serves, options.signal);
  const lockTarget = await resolveTarget(file);
  // The lock file goes beside the profile: its folder (fish's conf.d) may not exist yet.
  await mkdir(dirname(lockTarget), { recursive: true }).catch((error: unknown) => {
    throw fileError(error, dirname(lockTarget));
  });
  const { prepared, backup, id } = await withFileLock(lockTarget, async () => {
    const prepared = await prepareEdit(context, edit, kind);
    const { plan } = prepared;
    if (plan.expectedSha256 !== expectedSha256) {
      throw new SuiteError(
        'CONFLICT',
        `${plan.file} changed since the preview was made, so it was not overwritten. ${PREVIEW_AGAIN}`,
      );
    }
    if (plan.unchanged) return { prepared, backup: null, id: '' };
    const id = newUndoId();
    await checkWritable(plan.target, plan.file);
    let backup: string | null = null;
    try {
      if (prepared.oldText !== null) {
        const backups = join(context.stateDir, 'backups');
        await mkdir(backups, { recursive: true });
        backup = join(backups, `${id}-${basename(plan.target)}`);
        await copyFile(plan.target, backup, constants.COPYFILE_EXCL);
      }
      await mkdir(dirname(plan.target), { recursive: true });
      // A backup exists by now, so a hard-linked profile (a dotfile manager's) may be written in place.
      await writeFileAtomic(plan.target, encodeProfile(prepared.newText), 0o644, { keepHardLinks: true });
    } catch (error) {
      throw fileError(error, plan.file);
    }
    await updateJournal(context, (entries) => [
      ...entries.slice(-(JOURNAL_LIMIT - 1)),
      {
        id,
        file: plan.target,
        backup,
        writtenSha256: sha256(encodeProfile(prepared.newText)),
        undone: false,
        at: new Date().toISOString(),
      },
    ]);
    return { prepared, backup, id };
  });
  return {
    plan: prepared.plan,
    backup,
    undoId: id,
    verification:
      options.verify === false
        ? { tookEffect: false, seen: null, message: 'Not checked.', checks: [] }
        : await edit.verify(prepared.serves, options.signal),
  };
}

/** Puts a profile back as it was before a change, unless it was edited since. */
export async function undoProfileChange(context: EnvContext, undoId: string): Promise<UndoResult> {
  const entry = (await journal(context).load()).value.entries.find((candidate) => candidate.id === undoId);
  if (!entry) throw new SuiteError('NOT_FOUND', 'There is no change with that id to undo.');
  return withFileLock(entry.file, async () => {
    const current = (await journal(context).load()).value.entries.find(
      (candidate) => candidate.id === undoId,
    );
    if (current?.undone) throw new SuiteError('CONFLICT', `That change to ${entry.file} was already undone.`);
    const text = await readFile(entry.file).catch(() => null);
    if (text === null || sha256(text) !== entry.writtenSha256) {
      const copy = entry.backup ? ` The copy from before is at ${entry.backup}.` : '';
      throw new SuiteError(
        'CONFLICT',
        `${entry.file} changed after DevUtil Suite wrote it, so it was not undone.${copy}`,
      );
    }
    await checkWritable(entry.file, entry.file);
    if (entry.backup)
      await writeFileAtomic(entry.file, await readFile(entry.backup), 0o644, { keepHardLinks: true });
    else await unlink(entry.file);
    await updateJournal(context, (entries) =>
      entries.map((candidate) => (candidate.id === undoId ? { ...candidate, undone: true } : candidate)),
    );
    return {
      file: entry.file,
      restoredFrom: entry.backup,
      message: entry.backup
        ? `${entry.file} is back as it was before the change.`
        : `${entry.file} did not exist before the change and was removed.`,
    };
  });
}
