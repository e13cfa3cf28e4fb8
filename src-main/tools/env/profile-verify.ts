import type { Verification } from '../../contract/env.ts';
import type { Change } from './change-rules.ts';
import type { EnvContext } from './env-context.ts';
import { readShellEnvironment } from './login-env.ts';
import type { Entry } from './managed-block.ts';
import { isPathLike, pathDelimiter } from './path-like.ts';
import { maskedValue } from './secrets.ts';
import { checkEachShell, programPath } from './shell-checks.ts';
import type { ServedStart } from './shells.ts';

/** Whether `wanted` appears in `parts` in the same order, other entries allowed between and around. */
function inOrder(wanted: string[], parts: string[]): boolean {
  let at = 0;
  for (const part of parts) if (part === wanted[at]) at++;
  return at === wanted.length;
}

/**
 * Whether what a shell has for the name shows the change. A list is judged by the entries the block
 * controls, in order: a shell may add its own (fish on Debian appends the sbin folders to PATH).
 */
function shows(
  change: Change,
  removed: Entry[],
  seen: string | null,
  platform: NodeJS.Platform,
  before: string | null | undefined,
): boolean {
  const split = (value: string | null | undefined) =>
    value == null ? [] : value.split(pathDelimiter(platform));
  const parts = split(seen);
  // An entry the list had from elsewhere too (PATH already held /usr/local/bin): one fewer is the change.
  const count = (list: string[], value: string) => list.filter((part) => part === value).length;
  const gone = (value: string) =>
    before === undefined ? !parts.includes(value) : count(parts, value) < count(split(before), value);
  if (change.action === 'set' && isPathLike(change.name) && change.value !== '')
    return seen !== null && inOrder(change.value.split(pathDelimiter(platform)), parts);
  if (change.action === 'set') return seen === change.value;
  if (change.action === 'remove')
    return removed.every((entry) => (entry.action === 'set' ? seen !== entry.value : gone(entry.value)));
  if (before === undefined) return parts.includes(change.value);
  // An entry the list had already (/usr/local/bin on PATH) is no sign the block was read: one more
  // copy, or the entry moved toward the front (prepend) or the back (append), is.
  const had = split(before);
  if (count(parts, change.value) > count(had, change.value)) return true;
  if (!parts.includes(change.value)) return false;
  return change.action === 'prepend'
    ? !had.includes(change.value) || parts.indexOf(change.value) < had.indexOf(change.value)
    : !had.includes(change.value) || parts.lastIndexOf(change.value) > had.lastIndexOf(change.value);
}

const describe = (name: string, seen: string | null) =>
  seen === null ? `${name} is not set` : `${name} is ${JSON.stringify(maskedValue(name, seen) ?? seen)}`;

/**
 * What each kind of shell has for the name before a change (a start that cannot be read is left out):
 * taking out a list entry is judged against it, since other files may add the same entry.
 */
export async function seenBefore(
  context: EnvContext,
  serves: ServedStart[],
  name: string,
  signal?: AbortSignal,
): Promise<Map<string, string | null>> {
  const seen = new Map<string, string | null>();
  for (const start of serves) {
    const binary = await programPath(start.program, context);
    if (!binary) continue;
    const env = await readShellEnvironment(
      { invocation: start.invocation, binary, options: start.options, fish: start.program === 'fish' },
      context,
      { signal, without: name },
    ).catch(() => null);
    if (env) seen.set(start.invocation, env[name] ?? null);
  }
  return seen;
}

/**
 * Starts each kind of shell the file serves (`bash -lc`, `bash -lic`, `sh -lc` …) with the real HOME,
 * one after the other, and asks each whether it sees the change.
 */
export async function verifyInShells(
  context: EnvContext,
  serves: ServedStart[],
  change: Change,
  removed: Entry[],
  signal?: AbortSignal,
  before?: Map<string, string | null>,
): Promise<Verification> {
  const checks = await checkEachShell(serves, context, { signal, without: change.name }, (start, env) => {
    const seen = env[change.name] ?? null;
    const tookEffect = shows(change, removed, seen, context.platform, before?.get(start.invocation));
    return {
      invocation: start.invocation,
      tookEffect,
      seen,
      message: `${start.invocation}: ${tookEffect ? 'sees the change' : 'does not see the change'} (${describe(change.name, seen)}).`,
    };
  });
  const failed = checks.filter((check) => !check.tookEffect);
  const tookEffect = checks.length > 0 && failed.length === 0;
  const last = checks.at(-1);
  return {
    tookEffect,
    seen: last?.seen ?? null,
    message: tookEffect
      ? `Fresh shells see the change (${checks.map((check) => check.invocation).join(', ')}): ${describe(change.name, last?.seen ?? null)}.`
      : `Not every fresh shell sees the change: ${failed.map((check) => check.message).join(' ')}`,
    checks,
  };
}
