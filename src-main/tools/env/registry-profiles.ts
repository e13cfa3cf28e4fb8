import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ApplyResult, EnvProfile, ShellCheck, UndoResult } from '../../contract/env.ts';
import { JsonStore } from '../../core/json-store.ts';
import { SuiteError, fileError } from '../../core/suite-error.ts';
import { newUndoId } from './change-rules.ts';
import type { DraftPlan } from './change-rules.ts';
import type { EnvContext } from './env-context.ts';
import { withFileLock } from './file-lock.ts';
import type { ProfileSwitchRequest } from './plan-store.ts';
import { findConflicts } from './profile-switch.ts';
import { kindFor, registryOf, registryPlan, sameValue, stateLock } from './registry-edit.ts';
import { regFile } from './reg-file.ts';
import { maskedValue } from './secrets.ts';
import { USER_KEY, findNamed, sameName, valueSchema } from './windows-registry.ts';
import type { RegistryKey, RegistryValue } from './windows-registry.ts';

/** Undo ids of profile switches in the registry; checked before the single-change prefix it extends. */
export const REGISTRY_PROFILE_UNDO_PREFIX = 'registry-profile-';

const namedValue = z.object({ name: z.string(), value: valueSchema.nullable() });
const profileSchema = z.object({
  name: z.string(),
  entries: z.array(
    z.object({ name: z.string(), action: z.enum(['set', 'prepend', 'append', 'remove']), value: z.string() }),
  ),
});
const enabledSchema = z.object({
  /** Enabled profiles as written, in order (a later one wins). */
  active: z.array(profileSchema),
  /** Each name the enabled profiles touch: its value before the first of them did. */
  base: z.array(namedValue),
});
const storeSchema = enabledSchema.extend({
  journal: z.array(
    z.object({
      id: z.string(),
      backup: z.string(),
      before: z.array(namedValue),
      after: z.array(namedValue),
      enabledBefore: enabledSchema,
      undone: z.boolean(),
    }),
  ),
});
type Enabled = z.output<typeof enabledSchema>;
const store = (context: EnvContext) =>
  new JsonStore(join(context.stateDir, 'windows-profiles.json'), storeSchema, {
    active: [],
    base: [],
    journal: [],
  });

export async function activeRegistryProfiles(context: EnvContext): Promise<string[]> {
  return (await store(context).load()).value.active.map((profile) => profile.name);
}

const listOf = (value: RegistryValue | null) => (value && value.value !== '' ? value.value.split(';') : []);

/** One profile entry over a value, as Windows lists go: `;`-separated, names case-insensitive. */
function applyEntry(
  current: RegistryValue | null,
  entry: EnvProfile['entries'][number],
): RegistryValue | null {
  if (entry.action === 'set') return { value: entry.value, kind: kindFor(current, entry.value) };
  const rest = listOf(current).filter((part) => part.toLowerCase() !== entry.value.toLowerCase());
  const parts =
    entry.action === 'prepend'
      ? [entry.value, ...rest]
      : entry.action === 'append'
        ? [...rest, entry.value]
        : rest;
  if (parts.length === 0 && current === null) return null;
  return { value: parts.join(';'), kind: current ? kindFor(current, entry.value) : 'ExpandString' };
}

interface Computed {
  plan: DraftPlan;
  user: RegistryKey;
  /** Every name whose value changes: before and after. */
  changes: { name: string; before: RegistryValue | null; after: RegistryValue | null }[];
  next: Enabled;
  enabled: Enabled;
}

/**
 * The key after the switch: every name an enabled profile touches is computed afresh from its value
 * before any profile touched it, through the enabled profiles in order; a name no profile touches
 * any more gets that value back.
 */
async function compute(context: EnvContext, request: ProfileSwitchRequest): Promise<Computed> {
  const [{ user }, { value: saved }] = await Promise.all([registryOf(context).read(), store(context).load()]);
  const enabled: Enabled = { active: saved.active, base: saved.base };
  const { profile, enable } = request;
  if (!enable && !saved.active.some((candidate) => candidate.name === profile.name))
    throw new SuiteError(
      'BAD_INPUT',
      `Profile ${profile.name} is not enabled in ${USER_KEY}; there is nothing to disable.`,
    );
  if (enable && profile.entries.length === 0)
    throw new SuiteError('BAD_INPUT', `Profile ${profile.name} has no variables yet; add one first.`);
  const active = [
    ...saved.active.filter((candidate) => candidate.name !== profile.name),
    ...(enable ? [profile] : []),
  ];
  const touchedNow = new Set(
    active.flatMap((candidate) => candidate.entries.map((entry) => entry.name.toUpperCase())),
  );
  const touchedEver = new Set([...touchedNow, ...saved.base.map((named) => named.name.toUpperCase())]);
  const next: RegistryKey = { ...user };
  const changes: Computed['changes'] = [];
  const base: Enabled['base'] = [];
  for (const upper of touchedEver) {
    const found = findNamed(user, upper);
    const recorded = saved.base.find((named) => sameName(named.name, upper));
    const spelled = active
      .flatMap((candidate) => candidate.entries)
      .find((entry) => sameName(entry.name, upper));
    // An existing value keeps its spelling: Path stays Path.
    const name = found?.[0] ?? recorded?.name ?? spelled!.name;
    const current = found?.[1] ?? null;
    const start = recorded ? recorded.value : current;
    let value = start;
    for (const candidate of active)
      for (const entry of candidate.entries)
        if (sameName(entry.name, upper)) value = applyEntry(value, entry);
    if (touchedNow.has(upper)) base.push({ name, value: start });
    if (found) delete next[found[0]];
    if (value) next[name] = value;
    if (!sameValue(current, value)) changes.push({ name, before: current, after: value });
  }
  const tagged = active.flatMap((candidate) =>
    candidate.entries.map((entry) => ({
      ...entry,
      // Windows names are case-insensitive: Path and PATH are one variable.
      name: entry.name.toUpperCase(),
      profile: candidate.name,
    })),
  );
  return {
    user,
    changes,
    enabled,
    next: { active, base },
    plan: registryPlan(user, next, {
      unchanged: changes.length === 0,
      warnings: enable ? findConflicts(tagged) : [],
    }),
  };
}

export async function planRegistryProfileSwitch(
  context: EnvContext,
  request: ProfileSwitchRequest,
): Promise<DraftPlan> {
  return (await compute(context, request)).plan;
}

/** A fresh read of the key: every changed name holds what was written. */
async function verifyValues(context: EnvContext, changes: Computed['changes']) {
  const { user } = await registryOf(context).read();
  const checks: ShellCheck[] = changes.map(({ name, after }) => {
    const seen = findNamed(user, name)?.[1] ?? null;
    const tookEffect = sameValue(seen, after);
    const shown = seen ? JSON.stringify(maskedValue(name, seen.value) ?? seen.value) : 'not set';
    return {
      invocation: `a fresh read of ${name}`,
      tookEffect,
      seen: seen?.value ?? null,
      message: `${name} is ${shown}${tookEffect ? '' : ', not what was written'}.`,
    };
  });
  const tookEffect = checks.every((check) => check.tookEffect);
  return {
    tookEffect,
    seen: null,
    message: tookEffect
      ? `${USER_KEY} holds the change. Programs started from now on get it.`
      : `${USER_KEY} does not hold the change: ${checks
          .filter((check) => !check.tookEffect)
          .map((check) => check.message)
          .join(' ')}`,
    checks,
  };
}

/** Writes a previewed switch under the registry lock: refused if the key changed, the key saved as .reg first. */
export async function applyRegistryProfileSwitch(
  context: EnvContext,
  request: ProfileSwitchRequest,
  expectedSha256: string,
): Promise<Omit<ApplyResult, 'plan'> & { plan: DraftPlan }> {
  await mkdir(context.stateDir, { recursive: true });
  return withFileLock(stateLock(context), async () => {
    const computed = await compute(context, request);
    const { plan, changes } = computed;
    if (plan.expectedSha256 !== expectedSha256)
      throw new SuiteError(
        'CONFLICT',
        `${USER_KEY} changed since the preview was made, so nothing was written. Look at the new preview and apply again.`,
      );
    const id = newUndoId(REGISTRY_PROFILE_UNDO_PREFIX);
    const backup = join(context.stateDir, 'backups', `${id}-HKCU-Environment.reg`);
    try {
      await mkdir(join(context.stateDir, 'backups'), { recursive: true });
      await writeFile(backup, regFile(computed.user), { flag: 'wx' });
    } catch (error) {
      throw fileError(error, backup);
    }
    for (const { name, after } of changes) await registryOf(context).write(name, after);
    const profiles = store(context);
    const { value: saved } = await profiles.load();
    const named = (pick: 'before' | 'after') =>
      changes.map((change) => ({ name: change.name, value: change[pick] }));
    await profiles.save({
      ...computed.next,
      journal: [
        ...saved.journal.slice(-99),
        {
          id,
          backup,
          before: named('before'),
          after: named('after'),
          enabledBefore: computed.enabled,
          undone: false,
        },
      ],
    });
    return { plan, backup, undoId: id, verification: await verifyValues(context, changes) };
  });
}

/** Puts every value of a profile switch back, unless one was changed since. */
export async function undoRegistryProfileSwitch(context: EnvContext, undoId: string): Promise<UndoResult> {
  await mkdir(context.stateDir, { recursive: true });
  return withFileLock(stateLock(context), async () => {
    const profiles = store(context);
    const { value: saved } = await profiles.load();
    const entry = saved.journal.find((candidate) => candidate.id === undoId);
    if (!entry) throw new SuiteError('NOT_FOUND', 'There is no change with that id to undo.');
    if (entry.undone) throw new SuiteError('CONFLICT', 'That profile change was already undone.');
    const { user } = await registryOf(context).read();
    const changed = entry.after.filter(
      ({ name, value }) => !sameValue(findNamed(user, name)?.[1] ?? null, value),
    );
    if (changed.length > 0)
      throw new SuiteError(
        'CONFLICT',
        `${changed.map(({ name }) => name).join(', ')} in ${USER_KEY} changed after DevUtil Suite wrote it, so nothing was undone. The key as it was before is saved in ${entry.backup}.`,
      );
    for (const { name, value } of entry.before) await registryOf(context).write(name, value);
    await profiles.save({
      ...entry.enabledBefore,
      journal: saved.journal.map((candidate) =>
        candidate.id === undoId ? { ...candidate, undone: true } : candidate,
      ),
    });
    return {
      file: USER_KEY,
      restoredFrom: entry.backup,
      message: `${USER_KEY} is back as it was before the change.`,
    };
  });
}
