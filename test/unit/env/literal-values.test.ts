import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLoginEnvironment } from '../../../src-main/tools/env/login-env.ts';
import { setForGood, sourceAndRead, testHome } from '../../support/env-home.ts';
import type { FileShellKind } from '../../support/env-home.ts';

/** Values that break naive quoting. The marker file must never be created. */
const values = (marker: string): Record<string, string> => ({
  SUITE_PLAIN: 'hello world',
  SUITE_SINGLE: "it's 'quoted'",
  SUITE_DOUBLE: 'say "hi"',
  SUITE_DOLLAR: '$HOME and ${PATH} and $1',
  SUITE_COMMAND: `$(touch ${marker})`,
  SUITE_BACKTICK: `\`touch ${marker}\``,
  SUITE_BACKSLASH: 'C:\\Users\\me\\ and \\n not a newline \\',
  SUITE_NEWLINES: 'first line\nsecond line\n',
  SUITE_UNICODE: 'naïve café — 日本語 🚀',
  SUITE_GLOB: '* ? [a-z] ~ ~/x',
  SUITE_SPECIAL: '!history; a && b | c > d < e # not a comment % ^',
  SUITE_TAB: 'a\tb',
  SUITE_EMPTY: '',
});

describe('values are written so each shell reads them back literally', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as FileShellKind[]) {
    it(`with ${shell}`, async () => {
      const { home, context } = await testHome(shell);
      const marker = join(home, 'command-ran');
      let file = '';
      for (const [name, value] of Object.entries(values(marker))) {
        const result = await setForGood(context, { name, value, action: 'set', shell });
        file = result.plan.target;
      }
      for (const [name, value] of Object.entries(values(marker))) {
        expect(sourceAndRead(shell, file, name), `${name} sourced by ${shell}`).toBe(value);
      }
      // And through a fresh login shell, as the app checks after writing.
      const env = await readLoginEnvironment(shell, context.shellPath, context);
      for (const [name, value] of Object.entries(values(marker)))
        expect(env[name], `${name} in a login shell`).toBe(value);
      expect(existsSync(marker)).toBe(false);
    }, 60_000);
  }
});

describe('PATH-like entries', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as FileShellKind[]) {
    it(`prepend and append keep one entry each, with spaces, and never add an empty entry (${shell})`, async () => {
      const { context } = await testHome(shell);
      await setForGood(context, { name: 'SUITE_LIBPATH', value: '/opt/first dir', action: 'prepend', shell });
      await setForGood(context, { name: 'SUITE_LIBPATH', value: '/opt/last', action: 'append', shell });
      const result = await setForGood(context, {
        name: 'PATH',
        value: '/opt/suite tools/bin',
        action: 'prepend',
        shell,
      });
      const env = await readLoginEnvironment(shell, context.shellPath, context);
      expect(env.SUITE_LIBPATH).toBe('/opt/first dir:/opt/last');
      expect(env.PATH!.split(':')[0]).toBe('/opt/suite tools/bin');
      expect(env.PATH!.split(':')).not.toContain('');
      expect(result.verification.tookEffect).toBe(true);
    }, 60_000);
  }
});
