import type { envChannels } from '../../contract/env.ts';
import type { HandlersOf } from '../../core/handlers.ts';
import { contextFromProcess } from './env-context.ts';
import { listEnvironment, whereSet } from './env-service.ts';
import { applyChange, planChange, undoChange } from './permanent-change.ts';
import { temporaryCommands } from './quoting.ts';

// HOME and SHELL of this process decide which files Env Settings reads and writes.
export const envHandlers: HandlersOf<typeof envChannels> = {
  'env.list': ({ shell }) => listEnvironment(contextFromProcess(), shell),
  'env.where': ({ name, shell }) => whereSet(contextFromProcess(), name, shell),
  'env.plan': (change) => planChange(contextFromProcess(), change),
  'env.apply': (input) => applyChange(contextFromProcess(), input),
  'env.undo': ({ undoId }) => undoChange(contextFromProcess(), undoId),
  'env.commands': async ({ name, value }) => temporaryCommands(name, value),
};
