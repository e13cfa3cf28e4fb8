import type { envChannels } from '../../contract/env.ts';
import type { HandlersOf } from '../../core/handlers.ts';
import { contextFromProcess } from './env-context.ts';
import { listEnvironment, whereSet } from './env-service.ts';
import { applyChange, planChange, undoChange } from './permanent-change.ts';
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
  'env.commands': async ({ name, value }) => temporaryCommands(name, value),
};
