import { randomBytes } from 'node:crypto';
import type { EnvProfile, ShellKind } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import type { Change } from './change-rules.ts';

/** Enabling or disabling a profile, with the profile as the preview showed it. */
export interface ProfileSwitchRequest {
  profile: EnvProfile;
  enable: boolean;
}

/** What a preview showed, kept under its id: env.apply writes exactly this, or nothing. */
export type StoredPlan = StoredPlanBase & ({ change: Change } | { profileSwitch: ProfileSwitchRequest });

interface StoredPlanBase {
  kind: ShellKind;
  /** The file (or registry key) digest the preview was computed from. */
  expectedSha256: string;
  needsConfirmation: boolean;
  /** The HOME and state folder it was made for. */
  owner: string;
}

const PLAN_LIFETIME_MS = 60 * 60 * 1000;
const MAX_PLANS = 200;
const plans = new Map<string, StoredPlan & { at: number }>();

/** Keeps a preview and returns its id; the oldest go first beyond a limit, and after an hour. */
export function rememberPlan(plan: StoredPlan): string {
  const now = Date.now();
  for (const [id, stored] of plans)
    if (now - stored.at > PLAN_LIFETIME_MS || plans.size >= MAX_PLANS) plans.delete(id);
  const id = randomBytes(16).toString('hex');
  plans.set(id, { ...plan, at: now });
  return id;
}

export function recallPlan(id: string, owner: string): StoredPlan {
  const stored = plans.get(id);
  if (!stored || stored.owner !== owner || Date.now() - stored.at > PLAN_LIFETIME_MS) {
    throw new SuiteError(
      'BAD_INPUT',
      'That preview is unknown or has expired; preview the change again. Nothing was written.',
    );
  }
  return stored;
}

/** A preview is written once: applying it again would apply it to a file it was not computed from. */
export function forgetPlan(id: string): void {
  plans.delete(id);
}
