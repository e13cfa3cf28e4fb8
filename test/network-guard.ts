import { afterEach, expect } from 'vitest';
import { refuseNetworkBeyondLoopback } from './network-refusal.ts';

export { isLoopback } from './network-refusal.ts';

/**
 * Vitest setup file, run in every test process: the tests must pass offline, so any connection or
 * name lookup beyond loopback is refused on the spot and fails the test that made it, even when the
 * code under test swallows the error (as a library's "no connectivity?" fallback would). Node
 * programs the tests start (the CLI, browser mode) get the same rule and say so on stderr.
 */
const attempts: string[] = [];
refuseNetworkBeyondLoopback((what) => attempts.push(what));

const childGuard = new URL('./network-guard-child.ts', import.meta.url).href;
process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import=${childGuard}`.trim();

/** What was refused since the last call; the guard's own test takes its deliberate attempts. */
export function takeRefusedAttempts(): string[] {
  return attempts.splice(0);
}

afterEach(() => {
  expect(takeRefusedAttempts(), 'connections beyond loopback (the tests must run offline)').toEqual([]);
});
