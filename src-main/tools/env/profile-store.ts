import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PROFILE_NAME, VARIABLE_NAME } from '../../contract/env.ts';
import type { EnvProfile, ProfileEntry } from '../../contract/env.ts';
import { JsonStore } from '../../core/json-store.ts';
import { SuiteError } from '../../core/suite-error.ts';
import type { EnvContext } from './env-context.ts';
import { withFileLock } from './file-lock.ts';
import { pathDelimiter } from './path-like.ts';

const entrySchema = z.object({
  name: z.string().regex(VARIABLE_NAME),
  action: z.enum(['set', 'prepend', 'append', 'remove']),
  value: z.string().max(32_768),
});
const storeSchema = z.object({
  v: z.literal(1),
  profiles: z.array(z.object({ name: z.string().regex(PROFILE_NAME), entries: z.array(entrySchema) })),
});
type Stored = z.output<typeof storeSchema>;

const store = (context: EnvContext) =>
  new JsonStore(join(context.stateDir, 'env-profiles.json'), storeSchema, { v: 1, profiles: [] });

/** Every saved profile; a damaged file is set aside (and said so) rather than read half. */
export async function loadProfiles(
  context: EnvContext,
): Promise<{ profiles: EnvProfile[]; notice: string | null }> {
  const { value, setAside } = await store(context).load();
  return {
    profiles: value.profiles,
    notice: setAside
      ? `The saved profiles could not be read (${setAside.reason}); they are at ${setAside.path}.`
      : null,
  };
}

export async function findProfile(context: EnvContext, name: string): Promise<EnvProfile> {
  const found = (await loadProfiles(context)).profiles.find((profile) => profile.name === name);
  if (!found) throw new SuiteError('NOT_FOUND', `There is no profile named ${name}.`);
  return found;
}

/** Reads, changes and saves the profiles under a lock shared by every DevUtil Suite process. */
async function updateProfiles(context: EnvContext, update: (stored: Stored) => Stored): Promise<void> {
  const profiles = store(context);
  await mkdir(context.stateDir, { recursive: true });
  await withFileLock(profiles.path, async () => {
    const { value } = await profiles.load();
    await profiles.save(update(value));
  });
}

/**
 * One variable of a profile: set replaces what the profile does to the name; prepend, append and
 * remove add one list edit (the same entry again moves to the end rather than appearing twice).
 */
export function editEntries(entries: ProfileEntry[], change: ProfileEntry): ProfileEntry[] {
  if (change.action === 'set') return [...entries.filter((entry) => entry.name !== change.name), change];
  const same = (entry: ProfileEntry) =>
    entry.name === change.name && entry.action !== 'set' && entry.value === change.value;
  return [...entries.filter((entry) => !same(entry)), change];
}

function checkEntry(entry: ProfileEntry, platform: NodeJS.Platform): void {
  const delimiter = pathDelimiter(platform);
  if (entry.action !== 'set' && (entry.value === '' || entry.value.includes(delimiter)))
    throw new SuiteError(
      'BAD_INPUT',
      `A list edit takes one entry: not empty, and without "${delimiter}", which separates entries.`,
    );
  if (entry.value.includes('\0'))
    throw new SuiteError('BAD_INPUT', 'A value cannot contain a NUL character.');
}

/** Saves one variable edit in a profile, making the profile if it is new. */
export async function setProfileVariable(
  context: EnvContext,
  profile: string,
  change: ProfileEntry,
): Promise<EnvProfile> {
  checkEntry(change, context.platform);
  let saved: EnvProfile = { name: profile, entries: [] };
  await updateProfiles(context, (stored) => {
    const existing = stored.profiles.find((candidate) => candidate.name === profile) ?? saved;
    saved = { name: profile, entries: editEntries(existing.entries, change) };
    return { ...stored, profiles: [...stored.profiles.filter((candidate) => candidate !== existing), saved] };
  });
  return saved;
}

/** Replaces a profile's entries (an import), making it if it is new. */
export async function replaceProfile(context: EnvContext, profile: EnvProfile): Promise<EnvProfile> {
  for (const entry of profile.entries) checkEntry(entry, context.platform);
  await updateProfiles(context, (stored) => ({
    ...stored,
    profiles: [...stored.profiles.filter((candidate) => candidate.name !== profile.name), profile],
  }));
  return profile;
}

export async function deleteProfile(context: EnvContext, name: string): Promise<void> {
  await findProfile(context, name);
  await updateProfiles(context, (stored) => ({
    ...stored,
    profiles: stored.profiles.filter((candidate) => candidate.name !== name),
  }));
}
