import type { z } from 'zod';
import type { ApplyResult, ChangePlan, ShellKind, UndoResult, applyInput } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import type { Change, DraftPlan } from './change-rules.ts';
import type { EnvContext } from './env-context.ts';
import { forgetPlan, recallPlan, rememberPlan } from './plan-store.ts';
import { applyProfileChange, planProfileChange, undoProfileChange } from './profile-edit.ts';
import { applyProfileSwitch, planProfileSwitch } from './profile-service.ts';
import { REGISTRY_PROFILE_UNDO_PREFIX, undoRegistryProfileSwitch } from './registry-profiles.ts';
import {
  REGISTRY_UNDO_PREFIX,
  applyRegistryChange,
  planRegistryChange,
  undoRegistryChange,
} from './registry-edit.ts';
import { maskText, maskedValue } from './secrets.ts';
import { requireShell } from './shells.ts';

export interface ChangeOptions {
  /** false skips the check in fresh shells, for bulk use. */
  verify?: boolean;
  signal?: AbortSignal;
}

const ownerOf = (context: EnvContext) => `${context.home}\0${context.stateDir}`;

/** Secrets in the diff and the warnings masked, unless the caller asked to see them. */
function shown(draft: DraftPlan, planId: string, reveal: boolean): ChangePlan {
  if (reveal) return { ...draft, planId };
  return {
    ...draft,
    planId,
    diff: maskText(draft.diff),
    warnings: draft.warnings.map((warning) => ({ ...warning, message: maskText(warning.message) })),
  };
}

/**
 * Previews a permanent change to the shell's profile, or on Windows to the registry, and keeps it
 * under the returned plan id: env.apply takes only that id.
 */
export async function planChange(
  context: EnvContext,
  request: Omit<Change, 'reveal' | 'disabled'> & { reveal?: boolean; disabled?: string[] },
): Promise<ChangePlan> {
  const change: Change = { ...request, reveal: request.reveal ?? false, disabled: request.disabled ?? [] };
  const kind = requireShell(context, change.shell);
  const draft =
    kind === 'windows'
      ? await planRegistryChange(context, change)
      : await planProfileChange(context, change, kind);
  const planId = rememberPlan({
    change,
    kind,
    expectedSha256: draft.expectedSha256,
    needsConfirmation: draft.needsConfirmation,
    owner: ownerOf(context),
  });
  return shown(draft, planId, change.reveal);
}

/** Previews enabling or disabling a profile as one change of the block, kept under its id like any change. */
export async function planProfileToggle(
  context: EnvContext,
  request: { profile: string; enable: boolean; shell?: ShellKind; reveal?: boolean },
): Promise<ChangePlan> {
  const kind = requireShell(context, request.shell);
  const { draft, profileSwitch } = await planProfileSwitch(context, request.profile, request.enable, kind);
  const planId = rememberPlan({
    profileSwitch,
    kind,
    expectedSha256: draft.expectedSha256,
    needsConfirmation: draft.needsConfirmation,
    owner: ownerOf(context),
  });
  return shown(draft, planId, request.reveal ?? false);
}

/** Writes exactly what a preview showed: refused when the file changed since or a needed yes is missing. */
export async function applyChange(
  context: EnvContext,
  input: z.output<typeof applyInput>,
  options: ChangeOptions = {},
): Promise<ApplyResult> {
  const stored = recallPlan(input.planId, ownerOf(context));
  if (stored.needsConfirmation && !input.confirmed) {
    throw new SuiteError(
      'BAD_INPUT',
      'This change needs your confirmation (see the preview’s warning); nothing was written.',
    );
  }
  if ('profileSwitch' in stored) {
    const result = await applyProfileSwitch(
      context,
      stored.profileSwitch,
      stored.expectedSha256,
      stored.kind,
      options,
    );
    forgetPlan(input.planId);
    return { ...result, plan: shown(result.plan, input.planId, input.reveal) };
  }
  const { kind, change, expectedSha256 } = stored;
  const result =
    kind === 'windows'
      ? await applyRegistryChange(context, change, expectedSha256)
      : await applyProfileChange(context, change, expectedSha256, kind, options);
  forgetPlan(input.planId);
  const plan = shown(result.plan, input.planId, input.reveal);
  if (input.reveal) return { ...result, plan };
  const hide = (seen: string | null) => (seen === null ? null : (maskedValue(change.name, seen) ?? seen));
  const verification = result.verification;
  return {
    ...result,
    plan,
    verification: {
      ...verification,
      seen: hide(verification.seen),
      checks: verification.checks.map((check) => ({ ...check, seen: hide(check.seen) })),
    },
  };
}

export async function undoChange(context: EnvContext, undoId: string): Promise<UndoResult> {
  if (undoId.startsWith(REGISTRY_PROFILE_UNDO_PREFIX)) return undoRegistryProfileSwitch(context, undoId);
  return undoId.startsWith(REGISTRY_UNDO_PREFIX)
    ? undoRegistryChange(context, undoId)
    : undoProfileChange(context, undoId);
}
