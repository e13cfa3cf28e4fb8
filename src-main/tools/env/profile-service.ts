import { readFile } from 'node:fs/promises';
import type { ApplyResult, DotenvImport, ProfileList, ShellKind } from '../../contract/env.ts';
import { SuiteError, fileError } from '../../core/suite-error.ts';
import type { DraftPlan } from './change-rules.ts';
import { chooseTarget } from './choose-target.ts';
import { readDotenv, writeDotenv } from './dotenv-file.ts';
import type { EnvContext } from './env-context.ts';
import { parseProfile } from './managed-block.ts';
import type { ProfileSwitchRequest } from './plan-store.ts';
import { applyBlockEdit, planBlockEdit } from './profile-edit.ts';
import { findProfile, loadProfiles, replaceProfile } from './profile-store.ts';
import { activeProfiles, profileSwitch } from './profile-switch.ts';
import {
  activeRegistryProfiles,
  applyRegistryProfileSwitch,
  planRegistryProfileSwitch,
} from './registry-profiles.ts';
import { requireShell } from './shells.ts';

/** The saved profiles, and which of them the shell's managed block has enabled, in order. */
export async function listProfiles(context: EnvContext, shell?: ShellKind): Promise<ProfileList> {
  const kind = requireShell(context, shell);
  const { profiles, notice } = await loadProfiles(context);
  if (kind === 'windows') return { profiles, active: await activeRegistryProfiles(context), notice };
  const { file } = await chooseTarget(kind, context);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw fileError(error, file);
  });
  return { profiles, active: activeProfiles(parseProfile(text, kind, file).entries), notice };
}

/** The preview of enabling or disabling a profile, and the request env.apply will write. */
export async function planProfileSwitch(
  context: EnvContext,
  name: string,
  enable: boolean,
  kind: ShellKind,
): Promise<{ draft: DraftPlan; profileSwitch: ProfileSwitchRequest }> {
  // A profile being disabled may have been deleted since: the block's own copy is what goes.
  const profile = enable
    ? await findProfile(context, name)
    : ((await loadProfiles(context)).profiles.find((candidate) => candidate.name === name) ?? {
        name,
        entries: [],
      });
  const draft =
    kind === 'windows'
      ? await planRegistryProfileSwitch(context, { profile, enable })
      : await planBlockEdit(context, profileSwitch(context, profile, enable, kind), kind);
  return { draft, profileSwitch: { profile, enable } };
}

/** Writes a previewed profile switch: exactly the profile as the preview saw it. */
export async function applyProfileSwitch(
  context: EnvContext,
  request: ProfileSwitchRequest,
  expectedSha256: string,
  kind: ShellKind,
  options: { verify?: boolean; signal?: AbortSignal },
): Promise<Omit<ApplyResult, 'plan'> & { plan: DraftPlan }> {
  if (kind === 'windows') return applyRegistryProfileSwitch(context, request, expectedSha256);
  const edit = profileSwitch(context, request.profile, request.enable, kind);
  return applyBlockEdit(context, edit, expectedSha256, kind, options);
}

/** A profile's set values as a .env file; list edits have no .env form and are refused by name. */
export async function exportProfile(context: EnvContext, name: string): Promise<{ text: string }> {
  const profile = await findProfile(context, name);
  const edits = profile.entries.filter((entry) => entry.action !== 'set');
  if (edits.length > 0)
    throw new SuiteError(
      'BAD_INPUT',
      `Profile ${name} edits lists (${edits.map((entry) => `${entry.action} ${entry.name}`).join(', ')}), which a .env file cannot say; nothing was exported.`,
    );
  return { text: writeDotenv(profile.entries) };
}

/** Replaces a profile with a .env file's variables; any unreadable line stops it, naming every one. */
export async function importProfile(
  context: EnvContext,
  name: string,
  text: string,
  expand: boolean,
): Promise<DotenvImport> {
  const read = readDotenv(text, expand ? toStrings(context.env) : undefined);
  if (read.errors.length > 0) return { profile: null, errors: read.errors };
  if (read.variables.length === 0)
    throw new SuiteError('BAD_INPUT', 'That .env file sets no variables; the profile was not changed.');
  const profile = await replaceProfile(context, {
    name,
    entries: read.variables.map(({ name: variable, value }) => ({ name: variable, action: 'set', value })),
  });
  return { profile, errors: [] };
}

const toStrings = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
