import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: '.',
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/real-home-guard.ts'],
    // Every test process: no connection beyond loopback (the suite must pass offline).
    setupFiles: ['test/network-guard.ts'],
  },
});
