import type { EnvProfile, Verification } from '../../contract/env.ts';
import type { EnvContext } from './env-context.ts';
import type { Entry } from './managed-block.ts';
import { pathDelimiter } from './path-like.ts';
import { maskedValue } from './secrets.ts';
import { checkEachShell } from './shell-checks.ts';
import type { ServedStart } from './shells.ts';

/** What a fresh shell must show for one name, as far as the block alone decides it. */
interface Expectation {
  name: string;
  /** The whole value, once a set in the block fixes it. */
  exact: string | null;
  present: Set<string>;
  absent: Set<string>;
}

/** Runs the block's entries for a name over an unknown starting value. */
function expectationFor(name: string, entries: Entry[], delimiter: string): Expectation {
  const expected: Expectation = { name, exact: null, present: new Set(), absent: new Set() };
  for (const entry of entries.filter((candidate) => candidate.name === name)) {
    const { exact } = expected;
    if (entry.action === 'set') {
      expected.exact = entry.value;
      expected.present.clear();
      expected.absent.clear();
    } else if (exact !== null) {
      // As the block's lines do: no separator next to an empty value; remove drops every copy.
      const joined = (parts: string[]) =>
        parts.filter((part, index) => part !== '' || index > 0 || parts.length === 1).join(delimiter);
      expected.exact =
        entry.action === 'prepend'
          ? joined([entry.value, ...(exact === '' ? [] : [exact])])
          : entry.action === 'append'
            ? joined([...(exact === '' ? [] : [exact]), entry.value])
            : exact
                .split(delimiter)
                .filter((part) => part !== entry.value)
                .join(delimiter);
    } else if (entry.action === 'remove') {
      expected.absent.add(entry.value);
      expected.present.delete(entry.value);
    } else {
      expected.present.add(entry.value);
      expected.absent.delete(entry.value);
    }
  }
  return expected;
}

/**
 * What disabling leaves to check: the profile's set values and added entries are gone, unless the
 * block still gives them.
 */
function goneAfterDisable(expected: Expectation, profile: EnvProfile): Expectation {
  if (expected.exact !== null) return expected;
  const gone = profile.entries.filter(
    (entry) =>
      entry.name === expected.name && entry.action !== 'remove' && !expected.present.has(entry.value),
  );
  return { ...expected, absent: new Set([...expected.absent, ...gone.map((entry) => entry.value)]) };
}

function meets(
  expected: Expectation,
  seen: string | undefined,
  delimiter: string,
  disabled: EnvProfile | null,
): boolean {
  if (expected.exact !== null) return seen === expected.exact;
  const parts = seen === undefined ? [] : seen.split(delimiter);
  const wholeGone = disabled
    ? disabled.entries
        .filter((entry) => entry.name === expected.name && entry.action === 'set')
        .every((entry) => seen !== entry.value)
    : true;
  return (
    wholeGone &&
    [...expected.present].every((value) => parts.includes(value)) &&
    [...expected.absent].every((value) => !parts.includes(value))
  );
}

const shown = (name: string, seen: string | undefined) =>
  seen === undefined ? `${name} is not set` : `${name} is ${JSON.stringify(maskedValue(name, seen) ?? seen)}`;

/**
 * Starts each kind of shell the file serves once and checks every variable the profile touches
 * against what the block now says about it.
 */
export async function verifyExpectations(
  context: EnvContext,
  serves: ServedStart[],
  after: Entry[],
  profile: EnvProfile,
  signal?: AbortSignal,
): Promise<Verification> {
  const enabled = after.some((entry) => entry.profile === profile.name);
  const names = [...new Set(profile.entries.map((entry) => entry.name))];
  const delimiter = pathDelimiter(context.platform);
  const expectations = names.map((name) => {
    const expected = expectationFor(name, after, delimiter);
    return enabled ? expected : goneAfterDisable(expected, profile);
  });
  const checks = await checkEachShell(serves, context, { signal }, (start, env) => {
    const wrong = expectations.filter(
      (expected) => !meets(expected, env[expected.name], delimiter, enabled ? null : profile),
    );
    return {
      invocation: start.invocation,
      tookEffect: wrong.length === 0,
      seen: null,
      message:
        wrong.length === 0
          ? `${start.invocation}: sees the change (${names.join(', ')}).`
          : `${start.invocation}: does not see the change (${wrong.map((expected) => shown(expected.name, env[expected.name])).join('; ')}).`,
    };
  });
  const failed = checks.filter((check) => !check.tookEffect);
  const tookEffect = checks.length > 0 && failed.length === 0;
  return {
    tookEffect,
    seen: null,
    message: tookEffect
      ? `Fresh shells see the change (${checks.map((check) => check.invocation).join(', ')}).`
      : `Not every fresh shell sees the change: ${failed.map((check) => check.message).join(' ')}`,
    checks,
  };
}
