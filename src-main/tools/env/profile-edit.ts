import { constants } from 'node:fs';
import { access, copyFile, lstat, mkdir, readFile, realpath, stat, unlink } from 'node:fs/promises';
import { basename, delimiter, dirname, join } from 'node:path';
import { z } from 'zod';
import type {
  ApplyResult,
  ChangePlan,
  ShellKind,
  UndoResult,
  Verification,
  applyInput,
} from '../../contract/env.ts';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { JsonStore } from '../../core/json-store.ts';
import { SuiteError, fileError } from '../../core/suite-error.ts';
import { checkValue, newUndoId, sha256, unifiedDiff } from './change-rules.ts';
import type { Change } from './change-rules.ts';
import type { EnvContext } from './env-context.ts';
import { readLoginEnvironment } from './login-env.ts';
import { changeEntries, parseProfile, renderProfile } from './managed-block.ts';
import type { Entry } from './managed-block.ts';
import { pathDelimiter } from './path-like.ts';
import { targetFile } from './shells.ts';

type FileShell = Exclude<ShellKind, 'windows'>;

interface Prepared {
  plan: ChangePlan;
  kind: FileShell;
  oldText: string | null;
  newText: string;
  removed: Entry[];
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

/** Reads the right profile and computes the change, without writing anything. */
async function prepare(context: EnvContext, change: Change, kind: FileShell): Promise<Prepared> {
  checkValue(change, context.platform);
  const { file, reason } = targetFile(kind, context);
  const target = await resolveTarget(file);
  let oldText: string | null;
  try {
    oldText = await readFile(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(error, file);
    oldText = null;
  }
  const profile = parseProfile(oldText ?? '', kind, file);
  const removed =
    change.action === 'remove' ? profile.entries.filter((entry) => entry.name === change.name) : [];
  if (change.action === 'remove' && removed.length === 0) {
    throw new SuiteError(
      'BAD_INPUT',
      `DevUtil Suite has not set ${change.name} in ${file}; there is nothing of its own to remove.`,
    );
  }
  const entries = changeEntries(profile.entries, change);
  const newText = renderProfile(profile, entries, kind);
  const diff = unifiedDiff(file, oldText ?? '', newText);
  return {
    kind,
    oldText,
    newText,
    removed,
    plan: {
      file,
      target,
      shell: kind,
      diff,
      expectedSha256: oldText === null ? 'absent' : sha256(oldText),
      reason,
      unchanged: newText === (oldText ?? ''),
    },
  };
}

export async function planProfileChange(
  context: EnvContext,
  change: Change,
  kind: FileShell,
): Promise<ChangePlan> {
  return (await prepare(context, change, kind)).plan;
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
const journal = (context: EnvContext) =>
  new JsonStore(join(context.stateDir, 'env-journal.json'), journalSchema, { entries: [] });

/** The shell binary to check with: SHELL when it is that shell, else the first on PATH. */
async function shellBinary(kind: FileShell, context: EnvContext): Promise<string | null> {
  if (basename(context.shellPath) === kind) return context.shellPath;
  for (const dir of (context.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, kind);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return null;
}

async function verify(
  context: EnvContext,
  kind: FileShell,
  change: Change,
  removed: Entry[],
): Promise<Verification> {
  const binary = await shellBinary(kind, context);
  if (!binary)
    return { tookEffect: false, seen: null, message: `Could not check: no ${kind} found on PATH.` };
  let env: Record<string, string>;
  try {
    env = await readLoginEnvironment(kind, binary, context);
  } catch (error) {
    return { tookEffect: false, seen: null, message: `Could not check: ${(error as Error).message}` };
  }
  const seen = env[change.name] ?? null;
  const parts = seen === null ? [] : seen.split(pathDelimiter(context.platform));
  let tookEffect: boolean;
  if (change.action === 'set') tookEffect = seen === change.value;
  else if (change.action === 'remove')
    tookEffect = removed.every((entry) =>
      entry.action === 'set' ? seen !== entry.value : !parts.includes(entry.value),
    );
  else tookEffect = parts.includes(change.value);
  const shown = seen === null ? `${change.name} is not set` : `${change.name} is ${JSON.stringify(seen)}`;
  return {
    tookEffect,
    seen,
    message: tookEffect
      ? `A fresh ${kind} login shell sees the change: ${shown}.`
      : `A fresh ${kind} login shell does not see the change (${shown}); another startup file may override it.`,
  };
}

/**
 * Writes a previewed change: refuses if the file changed since, backs it up, writes atomically, then
 * checks in a fresh login shell (which `verify: false` skips, for bulk use).
 */
export async function applyProfileChange(
  context: EnvContext,
  input: z.output<typeof applyInput>,
  kind: FileShell,
  options: { verify?: boolean } = {},
): Promise<ApplyResult> {
  const prepared = await prepare(context, input, kind);
  const { plan } = prepared;
  if (plan.expectedSha256 !== input.expectedSha256) {
    throw new SuiteError(
      'CONFLICT',
      `${plan.file} changed since the preview was made, so it was not overwritten. Look at the new preview and apply again.`,
    );
  }
  let backup: string | null = null;
  const id = newUndoId();
  if (!plan.unchanged) {
    await checkWritable(plan.target, plan.file);
    try {
      if (prepared.oldText !== null) {
        const backups = join(context.stateDir, 'backups');
        await mkdir(backups, { recursive: true });
        backup = join(backups, `${id}-${basename(plan.target)}`);
        await copyFile(plan.target, backup, constants.COPYFILE_EXCL);
      }
      await mkdir(dirname(plan.target), { recursive: true });
      await writeFileAtomic(plan.target, prepared.newText, 0o644);
    } catch (error) {
      throw fileError(error, plan.file);
    }
    const store = journal(context);
    const { value } = await store.load();
    const entry = {
      id,
      file: plan.target,
      backup,
      writtenSha256: sha256(prepared.newText),
      undone: false,
      at: new Date().toISOString(),
    };
    await store.save({ entries: [...value.entries.slice(-99), entry] });
  }
  return {
    plan,
    backup,
    undoId: plan.unchanged ? '' : id,
    verification:
      options.verify === false
        ? { tookEffect: false, seen: null, message: 'Not checked.' }
        : await verify(context, prepared.kind, input, prepared.removed),
  };
}

/** Puts a profile back as it was before a change, unless it was edited since. */
export async function undoProfileChange(context: EnvContext, undoId: string): Promise<UndoResult> {
  const store = journal(context);
  const { value } = await store.load();
  const entry = value.entries.find((candidate) => candidate.id === undoId);
  if (!entry) throw new SuiteError('NOT_FOUND', 'There is no change with that id to undo.');
  if (entry.undone) throw new SuiteError('CONFLICT', `That change to ${entry.file} was already undone.`);
  const current = await readFile(entry.file).catch(() => null);
  if (current === null || sha256(current) !== entry.writtenSha256) {
    const copy = entry.backup ? ` The copy from before is at ${entry.backup}.` : '';
    throw new SuiteError(
      'CONFLICT',
      `${entry.file} changed after DevUtil Suite wrote it, so it was not undone.${copy}`,
    );
  }
  await checkWritable(entry.file, entry.file);
  if (entry.backup) await writeFileAtomic(entry.file, await readFile(entry.backup));
  else await unlink(entry.file);
  await store.save({
    entries: value.entries.map((candidate) =>
      candidate.id === undoId ? { ...candidate, undone: true } : candidate,
    ),
  });
  return {
    file: entry.file,
    restoredFrom: entry.backup,
    message: entry.backup
      ? `${entry.file} is back as it was before the change.`
      : `${entry.file} did not exist before the change and was removed.`,
  };
}
