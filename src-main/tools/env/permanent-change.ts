import type { z } from 'zod';
import type { ApplyResult, ChangePlan, UndoResult, applyInput } from '../../contract/env.ts';
import type { Change } from './change-rules.ts';
import type { EnvContext } from './env-context.ts';
import { applyProfileChange, planProfileChange, undoProfileChange } from './profile-edit.ts';
import {
  REGISTRY_UNDO_PREFIX,
  applyRegistryChange,
  planRegistryChange,
  undoRegistryChange,
} from './registry-edit.ts';
import { requireShell } from './shells.ts';

/** A permanent change goes to the shell's profile, or on Windows to the registry. */
export async function planChange(context: EnvContext, change: Change): Promise<ChangePlan> {
  const kind = requireShell(context, change.shell);
  return kind === 'windows' ? planRegistryChange(context, change) : planProfileChange(context, change, kind);
}

/** `verify: false` skips the check in a fresh login shell, for bulk use. */
export async function applyChange(
  context: EnvContext,
  input: z.output<typeof applyInput>,
  options: { verify?: boolean } = {},
): Promise<ApplyResult> {
  const kind = requireShell(context, input.shell);
  return kind === 'windows'
    ? applyRegistryChange(context, input)
    : applyProfileChange(context, input, kind, options);
}

export async function undoChange(context: EnvContext, undoId: string): Promise<UndoResult> {
  return undoId.startsWith(REGISTRY_UNDO_PREFIX)
    ? undoRegistryChange(context, undoId)
    : undoProfileChange(context, undoId);
}
