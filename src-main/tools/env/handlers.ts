import { envChannels } from '../../contract/env.ts';
import type { HandlersOf, ToolApi } from '../../core/handlers.ts';
import { contextFromProcess } from './env-context.ts';
import { listEnvironment, whereSet } from './env-service.ts';
import { inspectPathEntries } from './path-inspect.ts';
import { applyChange, planChange, planProfileToggle, undoChange } from './permanent-change.ts';
import { exportProfile, importProfile, listProfiles } from './profile-service.ts';
import { deleteProfile, setProfileVariable } from './profile-store.ts';
import { temporaryCommands } from './quoting.ts';

// HOME and SHELL of this process decide which files Env Settings reads and writes. Calls that start
// shells stop them (their whole process groups) when the caller cancels.
export const envHandlers: HandlersOf<typeof envChannels> = {
  'env.list': ({ shell }, { signal }) => listEnvironment(contextFromProcess(), shell, { signal }),
  'env.where': ({ name, shell, reveal }, { signal }) =>
    whereSet(contextFromProcess(), name, shell, reveal, { signal }),
  'env.plan': (change) => planChange(contextFromProcess(), change),
  'env.apply': (input, { signal }) => applyChange(contextFromProcess(), input, { signal }),
  'env.undo': ({ undoId }) => undoChange(contextFromProcess(), undoId),
  'env.profiles': ({ shell }) => listProfiles(contextFromProcess(), shell),
  'env.profileSave': ({ profile, entry }) => setProfileVariable(contextFromProcess(), profile, entry),
  'env.profileDelete': async ({ profile }) => {
    await deleteProfile(contextFromProcess(), profile);
    return { deleted: profile };
  },
  'env.profilePlan': (request) => planProfileToggle(contextFromProcess(), request),
  'env.profileExport': ({ profile }) => exportProfile(contextFromProcess(), profile),
  'env.profileImport': ({ profile, text, expand }) =>
    importProfile(contextFromProcess(), profile, text, expand),
  'env.pathEntries': ({ entries }) => inspectPathEntries(entries),
  'env.commands': async ({ name, value }) => temporaryCommands(name, value),
};

/** The tool's channels with their handlers, as its CLI commands call them. */
export const envApi: ToolApi = { channels: envChannels, handlers: envHandlers };
