import { refuseNetworkBeyondLoopback } from './network-refusal.ts';

/**
 * Loaded (NODE_OPTIONS --import) into every Node program a unit test starts: the offline rule of
 * test/network-guard.ts, told on stderr, where the test that started the program will see it.
 */
refuseNetworkBeyondLoopback((what) =>
  process.stderr.write(`Test network guard: refused ${what} (tests must run offline).\n`),
);
