import type { EnvProfile, PlanWarning } from '../../contract/env.ts';
import { SuiteError } from '../../core/suite-error.ts';
import type { EnvContext } from './env-context.ts';
import { laterOverrides } from './later-overrides.ts';
import type { Entry } from './managed-block.ts';
import type { BlockEdit } from './profile-edit.ts';
import { verifyExpectations } from './profile-expect.ts';

/** The profiles enabled in a block, in the order their entries come (the order they apply). */
export function activeProfiles(entries: Entry[]): string[] {
  return [...new Set(entries.flatMap((entry) => (entry.profile === undefined ? [] : [entry.profile])))];
}

/**
 * The block after enabling or disabling a profile. Enabling puts the profile's entries last, so it
 * wins over those enabled before it; enabling it again refreshes it (and moves it last).
 */
export function switchEntries(current: Entry[], profile: EnvProfile, enable: boolean): Entry[] {
  const others = current.filter((entry) => entry.profile !== profile.name);
  if (!enable) return others;
  return [...others, ...profile.entries.map((entry) => ({ ...entry, profile: profile.name }))];
}

const owner = (entry: Entry) =>
  entry.profile === undefined ? 'your own setting' : `profile ${entry.profile}`;

/**
 * Two enabled profiles (or a profile and a single change) that disagree about a variable: one sets
 * it after another set or edited it, or one removes an entry another adds. The later one wins.
 */
export function findConflicts(entries: Entry[]): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  entries.forEach((later, index) => {
    const earlier = entries
      .slice(0, index)
      .filter((entry) => entry.name === later.name && owner(entry) !== owner(later));
    const clash = earlier.find((entry) =>
      later.action === 'set'
        ? !(entry.action === 'set' && entry.value === later.value)
        : later.action === 'remove'
          ? entry.action !== 'remove' && entry.value === later.value
          : entry.action === 'remove' && entry.value === later.value,
    );
    if (!clash) return;
    const what =
      later.action === 'set'
        ? `sets ${later.name} after ${owner(clash)} ${clash.action === 'set' ? 'set' : `${clash.action}ed an entry to`} it`
        : later.action === 'remove'
          ? `removes ${later.value} from ${later.name}, which ${owner(clash)} adds`
          : `adds ${later.value} to ${later.name}, which ${owner(clash)} removes`;
    warnings.push({
      kind: 'conflict',
      message: `Conflict: ${owner(later)} ${what}; ${owner(later)} comes later and wins.`,
    });
  });
  return warnings;
}

/** Enabling or disabling one profile as one edit of the block: one diff, one backup, one Undo. */
export function profileSwitch(
  context: EnvContext,
  profile: EnvProfile,
  enable: boolean,
  kind: 'bash' | 'zsh' | 'fish',
): BlockEdit {
  let after: Entry[] = [];
  // What is checked after the write: on disable, the profile as the block has it (it may be deleted or edited since).
  let checked = profile;
  return {
    async edit(current, file) {
      if (!enable && !activeProfiles(current).includes(profile.name))
        throw new SuiteError(
          'BAD_INPUT',
          `Profile ${profile.name} is not enabled in ${file}; there is nothing to disable.`,
        );
      if (enable && profile.entries.length === 0)
        throw new SuiteError('BAD_INPUT', `Profile ${profile.name} has no variables yet; add one first.`);
      after = switchEntries(current, profile, enable);
      if (!enable) {
        const written = current.filter((entry) => entry.profile === profile.name);
        checked = {
          name: profile.name,
          entries: written.map(({ name, action, value }) => ({ name, action, value })),
        };
        return { entries: after, warnings: [] };
      }
      // Startup files read after this one that set a variable again: asked once per variable.
      const overrides = [];
      const named = new Map(
        profile.entries.filter((entry) => entry.action !== 'remove').map((entry) => [entry.name, entry]),
      );
      for (const entry of named.values())
        overrides.push(await laterOverrides(context, kind, file, { ...entry, reveal: false, disabled: [] }));
      return { entries: after, warnings: [...findConflicts(after), ...overrides] };
    },
    verify: (serves, signal) => verifyExpectations(context, serves, after, checked, signal),
  };
}
