import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ApplyResult, Assignment, UndoResult, Verification, WhereResult } from '../../contract/env.ts';
import { JsonStore } from '../../core/json-store.ts';
import { SuiteError, fileError } from '../../core/suite-error.ts';
import { checkValue, newUndoId, sha256, unifiedDiff } from './change-rules.ts';
import type { Change, DraftPlan } from './change-rules.ts';
import type { EnvContext } from './env-context.ts';
import { withFileLock } from './file-lock.ts';
import { regFile } from './reg-file.ts';
import { maskedValue } from './secrets.ts';
import {
  MACHINE_KEY,
  USER_KEY,
  VARIABLE_REFERENCE,
  findNamed,
  isTextKind,
  sameName,
  valueSchema,
} from './windows-registry.ts';
import type { EnvironmentRegistry, RegistryKey, RegistryValue } from './windows-registry.ts';

/** What the app did to one name, so that "remove" takes back exactly that. */
const recordSchema = z.object({
  name: z.string(),
  /** The value the app set, or null when it only added entries. */
  set: z.string().nullable(),
  added: z.array(z.object({ action: z.enum(['prepend', 'append']), value: z.string() })),
  /** The value before the app first changed this name: what "remove" gives back after a set. */
  before: valueSchema.nullable(),
});
type ManagedRecord = z.output<typeof recordSchema>;

const stateSchema = z.object({
  records: z.array(recordSchema),
  journal: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      before: valueSchema.nullable(),
      after: valueSchema.nullable(),
      recordBefore: recordSchema.nullable(),
      backup: z.string(),
      undone: z.boolean(),
    }),
  ),
});
const state = (context: EnvContext) =>
  new JsonStore(join(context.stateDir, 'windows-environment.json'), stateSchema, {
    records: [],
    journal: [],
  });

/** Undo ids of registry changes start with this, so undo knows which writer made them. */
export const REGISTRY_UNDO_PREFIX = 'registry-';

const REG_TYPES: Record<string, string> = {
  String: 'REG_SZ',
  ExpandString: 'REG_EXPAND_SZ',
  MultiString: 'REG_MULTI_SZ',
  DWord: 'REG_DWORD',
  QWord: 'REG_QWORD',
  Binary: 'REG_BINARY',
};
const regType = (kind: string) => REG_TYPES[kind] ?? kind;

export const REASON =
  'Windows gives every program that Explorer starts the variables in HKCU\\Environment; Explorer is told of the change, so programs started from now on get it (open windows keep what they had).';

export function registryOf(context: EnvContext): EnvironmentRegistry {
  if (!context.registry)
    throw new SuiteError(
      'UNSUPPORTED',
      'The Windows registry exists only on Windows; choose bash, zsh or fish.',
    );
  return context.registry;
}

export const sameValue = (a: RegistryValue | null, b: RegistryValue | null) =>
  a === b || (a !== null && b !== null && a.value === b.value && a.kind === b.kind);

/** Line breaks and other control characters as escapes, so each value stays on its line. */
const printable = (value: string) =>
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes.
  value.replace(/[\u0000-\u001f]/g, (char) => JSON.stringify(char).slice(1, -1));

/** The key as `reg query` prints it, sorted by name: the text the preview diffs. */
export function renderKey(key: RegistryKey): string {
  const lines = Object.entries(key)
    .sort(([a], [b]) => a.toUpperCase().localeCompare(b.toUpperCase()))
    .map(([name, { value, kind }]) => `    ${name}    ${regType(kind)}    ${printable(value)}`);
  return ['HKEY_CURRENT_USER\\Environment', ...lines].join('\n') + '\n';
}

/** REG_EXPAND_SZ when the value refers to another variable (%USERPROFILE%) or already was one. */
/** The preview of a change to HKCU\\Environment, from the key as it is to the key as it will be. */
export function registryPlan(
  user: RegistryKey,
  next: RegistryKey,
  { unchanged, warnings }: Pick<DraftPlan, 'unchanged' | 'warnings'>,
): DraftPlan {
  const before = renderKey(user);
  return {
    file: USER_KEY,
    target: USER_KEY,
    shell: 'windows',
    diff: unifiedDiff(USER_KEY, before, renderKey(next)),
    expectedSha256: sha256(before),
    reason: REASON,
    unchanged,
    serves: ['a new program started by Explorer'],
    warnings,
    needsConfirmation: false,
  };
}

export function kindFor(current: RegistryValue | null, value: string): string {
  return current?.kind === 'ExpandString' || VARIABLE_REFERENCE.test(value)
    ? 'ExpandString'
    : (current?.kind ?? 'String');
}

const entriesOf = (value: RegistryValue | null) =>
  value && value.value !== '' ? value.value.split(';') : [];
const indexOfEntry = (entries: string[], entry: string) =>
  entries.findIndex((candidate) => candidate.toLowerCase() === entry.toLowerCase());

interface Prepared {
  plan: DraftPlan;
  name: string;
  current: RegistryValue | null;
  after: RegistryValue | null;
  record: ManagedRecord | null;
  nextRecord: ManagedRecord | null;
  user: RegistryKey;
}

/** The new value and the app's record of it after a change. */
function computeChange(
  change: Change,
  current: RegistryValue | null,
  record: ManagedRecord | null,
  name: string,
): { after: RegistryValue | null; nextRecord: ManagedRecord | null } {
  const before = record ? record.before : current;
  if (change.action === 'set') {
    return {
      after: { value: change.value, kind: kindFor(current, change.value) },
      nextRecord: { name, set: change.value, added: [], before },
    };
  }
  if (change.action === 'remove') {
    if (!record) {
      throw new SuiteError(
        'BAD_INPUT',
        `DevUtil Suite has not set ${change.name} in ${USER_KEY}; there is nothing of its own to remove.`,
      );
    }
    const entries = entriesOf(current);
    for (const added of record.added) {
      const index = indexOfEntry(entries, added.value);
      if (index >= 0) entries.splice(index, 1);
    }
    const rest = entries.join(';');
    // Its own value, unchanged since, gives way to what was there before; anything edited by hand stays.
    if (record.set !== null && rest === record.set) return { after: record.before, nextRecord: null };
    if (rest === '' && record.before === null) return { after: null, nextRecord: null };
    return { after: { value: rest, kind: current?.kind ?? 'ExpandString' }, nextRecord: null };
  }
  const entries = entriesOf(current);
  if (indexOfEntry(entries, change.value) >= 0) return { after: current, nextRecord: record };
  const value = change.action === 'prepend' ? [change.value, ...entries] : [...entries, change.value];
  return {
    // A new Path is REG_EXPAND_SZ, as Windows creates it, so entries like %USERPROFILE%\bin work.
    after: { value: value.join(';'), kind: current ? kindFor(current, change.value) : 'ExpandString' },
    nextRecord: {
      name,
      set: record?.set ?? null,
      added: [...(record?.added ?? []), { action: change.action, value: change.value }],
      before,
    },
  };
}

async function prepare(context: EnvContext, change: Change): Promise<Prepared> {
  checkValue(change, 'win32');
  // A registry value has no place for comments: an entry turned off would silently be lost.
  if (change.disabled.length > 0)
    throw new SuiteError(
      'BAD_INPUT',
      `${USER_KEY} cannot keep entries turned off (${change.disabled.join('; ')}); remove them or turn them back on. Nothing was changed.`,
    );
  const [{ user }, { value: saved }] = await Promise.all([registryOf(context).read(), state(context).load()]);
  const found = findNamed(user, change.name);
  // An existing value keeps its spelling: Path stays Path.
  const name = found?.[0] ?? change.name;
  const current = found?.[1] ?? null;
  if (current && !isTextKind(current.kind)) {
    throw new SuiteError(
      'BAD_INPUT',
      `${name} in ${USER_KEY} is a ${regType(current.kind)} value; DevUtil Suite changes only text values. Nothing was changed.`,
    );
  }
  const record = saved.records.find((candidate) => sameName(candidate.name, name)) ?? null;
  const { after, nextRecord } = computeChange(change, current, record, name);
  const next: RegistryKey = Object.fromEntries(
    Object.entries(user).filter(([candidate]) => candidate !== name),
  );
  if (after) next[name] = after;
  return {
    name,
    current,
    after,
    record,
    nextRecord,
    user,
    // The machine's Path still comes first: a user Path never drops the system folders.
    plan: registryPlan(user, next, { unchanged: sameValue(current, after), warnings: [] }),
  };
}

export async function planRegistryChange(context: EnvContext, change: Change): Promise<DraftPlan> {
  return (await prepare(context, change)).plan;
}

/** What a fresh read of the registry holds, from a new PowerShell: the change is there or it is not. */
async function verify(context: EnvContext, name: string, after: RegistryValue | null): Promise<Verification> {
  let seen: RegistryValue | null;
  try {
    seen = findNamed((await registryOf(context).read()).user, name)?.[1] ?? null;
  } catch (error) {
    const message = `Could not check: ${(error as Error).message}`;
    return { tookEffect: false, seen: null, message, checks: [] };
  }
  const shownValue = seen ? (maskedValue(name, seen.value) ?? seen.value) : null;
  const shown = shownValue !== null ? `${name} is ${JSON.stringify(shownValue)}` : `${name} is not set there`;
  const tookEffect = sameValue(seen, after);
  const message = tookEffect
    ? `${USER_KEY} holds the change: ${shown}. Programs started from now on get it.`
    : `${USER_KEY} does not hold the change (${shown}).`;
  return {
    tookEffect,
    seen: seen?.value ?? null,
    message,
    checks: [{ invocation: 'a fresh read of the registry', tookEffect, seen: seen?.value ?? null, message }],
  };
}

function withRecord(records: ManagedRecord[], name: string, record: ManagedRecord | null): ManagedRecord[] {
  const others = records.filter((candidate) => !sameName(candidate.name, name));
  return record ? [...others, record] : others;
}

/** The app's state file: its lock serialises every registry change of every DevUtil Suite process. */
export const stateLock = (context: EnvContext) => join(context.stateDir, 'windows-environment.json');

/**
 * Writes a previewed change to HKCU\Environment: refuses if the key changed since the preview, saves
 * the whole key as a .reg file first, then checks with a fresh read. One change at a time, across
 * processes, under the lock of the app's state file.
 */
export async function applyRegistryChange(
  context: EnvContext,
  change: Change,
  expectedSha256: string,
): Promise<Omit<ApplyResult, 'plan'> & { plan: DraftPlan }> {
  await mkdir(context.stateDir, { recursive: true });
  return withFileLock(stateLock(context), () => writeRegistryChange(context, change, expectedSha256));
}

async function writeRegistryChange(
  context: EnvContext,
  change: Change,
  expectedSha256: string,
): Promise<Omit<ApplyResult, 'plan'> & { plan: DraftPlan }> {
  const prepared = await prepare(context, change);
  const { plan, name, after } = prepared;
  if (plan.expectedSha256 !== expectedSha256) {
    throw new SuiteError(
      'CONFLICT',
      `${USER_KEY} changed since the preview was made, so nothing was written. Look at the new preview and apply again.`,
    );
  }
  if (plan.unchanged)
    return { plan, backup: null, undoId: '', verification: await verify(context, name, after) };
  const id = newUndoId(REGISTRY_UNDO_PREFIX);
  const backups = join(context.stateDir, 'backups');
  const backup = join(backups, `${id}-HKCU-Environment.reg`);
  try {
    await mkdir(backups, { recursive: true });
    await writeFile(backup, regFile(prepared.user), { flag: 'wx' });
  } catch (error) {
    throw fileError(error, backup);
  }
  await registryOf(context).write(name, after);
  const store = state(context);
  const { value: saved } = await store.load();
  await store.save({
    records: withRecord(saved.records, name, prepared.nextRecord),
    journal: [
      ...saved.journal.slice(-99),
      { id, name, before: prepared.current, after, recordBefore: prepared.record, backup, undone: false },
    ],
  });
  return { plan, backup, undoId: id, verification: await verify(context, name, after) };
}

/** Puts a value back as it was before a change, unless it was changed since. */
export async function undoRegistryChange(context: EnvContext, undoId: string): Promise<UndoResult> {
  await mkdir(context.stateDir, { recursive: true });
  return withFileLock(stateLock(context), () => undoUnderLock(context, undoId));
}

async function undoUnderLock(context: EnvContext, undoId: string): Promise<UndoResult> {
  const store = state(context);
  const { value: saved } = await store.load();
  const entry = saved.journal.find((candidate) => candidate.id === undoId);
  if (!entry) throw new SuiteError('NOT_FOUND', 'There is no change with that id to undo.');
  if (entry.undone) throw new SuiteError('CONFLICT', `That change to ${entry.name} was already undone.`);
  const registry = registryOf(context);
  const current = findNamed((await registry.read()).user, entry.name)?.[1] ?? null;
  if (!sameValue(current, entry.after)) {
    throw new SuiteError(
      'CONFLICT',
      `${entry.name} in ${USER_KEY} changed after DevUtil Suite wrote it, so it was not undone. The key as it was before is saved in ${entry.backup}.`,
    );
  }
  await registry.write(entry.name, entry.before);
  await store.save({
    records: withRecord(saved.records, entry.name, entry.recordBefore),
    journal: saved.journal.map((candidate) =>
      candidate.id === undoId ? { ...candidate, undone: true } : candidate,
    ),
  });
  return {
    file: USER_KEY,
    restoredFrom: entry.backup,
    message: entry.before
      ? `${entry.name} in ${USER_KEY} is back as it was before the change.`
      : `${entry.name} was not in ${USER_KEY} before the change and was removed.`,
  };
}

/** The registry keys every new program's environment comes from, machine first, and the value in each. */
export async function whereInRegistry(context: EnvContext, name: string): Promise<WhereResult> {
  const [{ user, machine }, { value: saved }] = await Promise.all([
    registryOf(context).read(),
    state(context).load(),
  ]);
  const managed = saved.records.some((record) => sameName(record.name, name));
  const assignments: Assignment[] = [];
  for (const [key, values] of [
    [MACHINE_KEY, machine],
    [USER_KEY, user],
  ] as const) {
    const found = findNamed(values, name);
    if (found) {
      assignments.push({
        file: key,
        line: null,
        text: `${found[0]}    ${regType(found[1].kind)}    ${found[1].value}`,
        managed: key === USER_KEY && managed,
      });
    }
  }
  return {
    name,
    shell: 'windows',
    files: [MACHINE_KEY, USER_KEY].map((path) => ({ path, exists: true })),
    assignments,
  };
}
