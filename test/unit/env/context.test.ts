import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { contextFromProcess } from '../../../src-main/tools/env/env-context.ts';

describe('the shell Env Settings works with', () => {
  it('is SHELL when it is set', () => {
    expect(contextFromProcess({ HOME: '/home/someone', SHELL: '/usr/bin/fish' }).shellPath).toBe(
      '/usr/bin/fish',
    );
  });

  it.skipIf(process.platform === 'win32')(
    "is the account's login shell from the user database when SHELL is unset or empty",
    () => {
      // getent reads the same database as the app, through a different program.
      const entry = execFileSync('getent', ['passwd', userInfo().username], { encoding: 'utf8' }).trim();
      const loginShell = entry.split(':').at(-1);
      expect(loginShell).toMatch(/^\//);
      expect(contextFromProcess({ HOME: '/home/someone' }).shellPath).toBe(loginShell);
      expect(contextFromProcess({ HOME: '/home/someone', SHELL: '' }).shellPath).toBe(loginShell);
    },
  );
});
