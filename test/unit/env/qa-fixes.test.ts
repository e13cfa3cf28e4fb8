import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextFromProcess } from '../../../src-main/tools/env/env-context.ts';
import { planChange } from '../../../src-main/tools/env/permanent-change.ts';
import { setForGood, testHome } from '../../support/env-home.ts';

const SHELL_TIMEOUT = 60_000;

/** What a real fresh login shell has for a name: started with nothing inherited but HOME. */
function freshLogin(shell: 'bash' | 'zsh', home: string, name: string): string {
  return execFileSync(shell, ['-l', '-c', `printf '%s' "$${name}"`], {
    encoding: 'utf8',
    env: { HOME: home, TERM: 'dumb', PATH: '/usr/bin:/bin' },
    timeout: SHELL_TIMEOUT,
  });
}

describe('bytes outside the block that are not UTF-8', () => {
  it(
    'stay byte for byte through set and unset, shown as \\xE9 in the preview',
    async () => {
      const { home, context } = await testHome('bash');
      const original = Buffer.from('# caf\xe9 \xff\xfe config\nexport A=1\n', 'latin1');
      const profile = join(home, '.profile');
      await writeFile(profile, original);
      const plan = await planChange(context, { name: 'SUITE_B', value: 'b', action: 'set', shell: 'bash' });
      expect(plan.diff).toContain('# caf\\xE9 \\xFF\\xFE config');
      expect(plan.diff).not.toContain('\uFFFD');
      await setForGood(context, { name: 'SUITE_B', value: 'b', action: 'set', shell: 'bash' });
      const written = await readFile(profile);
      expect(written.subarray(0, original.length).equals(original)).toBe(true);
      expect(freshLogin('bash', home, 'SUITE_B')).toBe('b');
      await setForGood(context, { name: 'SUITE_B', value: '', action: 'remove', shell: 'bash' });
      expect((await readFile(profile)).equals(original)).toBe(true);
    },
    SHELL_TIMEOUT,
  );

  it('refuses a value that holds bytes that are not UTF-8, in one line', async () => {
    const { context } = await testHome('bash');
    await expect(
      planChange(context, { name: 'SUITE_B', value: 'caf\uFFFD', action: 'set', shell: 'bash' }),
    ).rejects.toThrow(/^The value holds bytes that are not UTF-8[^\n]*$/);
  });
});

describe('the check starts shells as a fresh login does', () => {
  it(
    'does not see the app’s own value of the name: unset after the terminal had it',
    async () => {
      const { home } = await testHome('bash');
      const context = contextFromProcess({
        ...process.env,
        HOME: home,
        SHELL: '/bin/bash',
        SUITE_INHERITED: 'one',
      });
      await setForGood(context, { name: 'SUITE_INHERITED', value: 'one', action: 'set', shell: 'bash' });
      const result = await setForGood(context, {
        name: 'SUITE_INHERITED',
        value: '',
        action: 'remove',
        shell: 'bash',
      });
      expect(freshLogin('bash', home, 'SUITE_INHERITED')).toBe('');
      expect(result.verification.tookEffect).toBe(true);
    },
    SHELL_TIMEOUT,
  );

  it(
    'zsh: writes $HOME/.zshenv, which a fresh zsh reads, even when the app inherited ZDOTDIR',
    async () => {
      const { home } = await testHome('zsh');
      const zdot = join(home, '.config', 'zsh');
      await mkdir(zdot, { recursive: true });
      await writeFile(join(home, '.zshenv'), 'export ZDOTDIR="$HOME/.config/zsh"\n');
      await writeFile(join(zdot, '.zshrc'), '# my zshrc\n');
      const context = contextFromProcess({
        ...process.env,
        HOME: home,
        SHELL: '/usr/bin/zsh',
        ZDOTDIR: zdot,
      });
      const result = await setForGood(context, { name: 'SUITE_Z', value: 'zz', action: 'set', shell: 'zsh' });
      expect(result.plan.file).toBe(join(home, '.zshenv'));
      expect(freshLogin('zsh', home, 'SUITE_Z')).toBe('zz');
      expect(result.verification.tookEffect).toBe(true);
    },
    SHELL_TIMEOUT,
  );
});

describe('secrets stay masked', () => {
  it(
    'in an append diff, in the replaces warning, and URL passwords with @ / and quotes',
    async () => {
      const { context } = await testHome('bash');
      await setForGood(context, { name: 'API_KEY', value: "s3cr3t'x", action: 'append', shell: 'bash' });
      const plan = await planChange(context, {
        name: 'API_KEY',
        value: 'other',
        action: 'set',
        shell: 'bash',
      });
      expect(plan.diff).not.toContain('s3cr3t');
      expect(plan.diff).not.toContain('other');
      expect(plan.warnings.map((warning) => warning.message).join(' ')).not.toContain('s3cr3t');
      for (const name of ['SSHPASS', 'MYSQL_PWD', 'DB_PASS', 'AWSSECRETKEY', 'SSHPRIVATEKEY']) {
        const secret = await planChange(context, { name, value: 'hunter2', action: 'set', shell: 'bash' });
        expect(secret.diff, name).not.toContain('hunter2');
      }
      const url = await planChange(context, {
        name: 'DATABASE_URL',
        value: "postgres://me:p@ss/w'rd@db.example:5432/app",
        action: 'set',
        shell: 'bash',
      });
      expect(url.diff).not.toMatch(/p@ss|w'rd|\/w/);
      expect(url.diff).toContain('db.example:5432/app');
      for (const value of ['postgres://me:pa ss@db/x', 'postgresql://me@db?password=hunter3&x=1']) {
        const plan = await planChange(context, { name: 'DB_URL', value, action: 'set', shell: 'bash' });
        expect(plan.diff, value).not.toMatch(/pa ss|hunter3/);
      }
      const pat = await planChange(context, {
        name: 'GITHUBPAT',
        value: 'ghp_x1',
        action: 'set',
        shell: 'bash',
      });
      expect(pat.diff).not.toContain('ghp_x1');
    },
    SHELL_TIMEOUT,
  );
});

describe('folder variables as their readers take them', () => {
  it('empty ZDOTDIR, XDG_CONFIG_HOME and XDG_STATE_HOME are unset; relative ones are ignored', async () => {
    for (const value of ['', 'relative/dir']) {
      const { home } = await testHome('zsh');
      const env = {
        ...process.env,
        HOME: home,
        ZDOTDIR: value,
        XDG_CONFIG_HOME: value,
        XDG_STATE_HOME: value,
      };
      const zsh = contextFromProcess({ ...env, SHELL: '/usr/bin/zsh' });
      expect(zsh.stateDir).toBe(join(home, '.local', 'state', 'devutil-suite'));
      expect((await planChange(zsh, { name: 'SUITE_X', value: 'x', action: 'set', shell: 'zsh' })).file).toBe(
        join(home, '.zshenv'),
      );
      const fish = contextFromProcess({ ...env, SHELL: '/usr/bin/fish' });
      expect(
        (await planChange(fish, { name: 'SUITE_X', value: 'x', action: 'set', shell: 'fish' })).file,
      ).toBe(join(home, '.config', 'fish', 'conf.d', 'devutil-suite.fish'));
    }
  });
});

describe('zsh on macOS: ~/.zprofile where zsh reads it', () => {
  it(
    'in the ZDOTDIR ~/.zshenv sets, not the app’s own',
    async () => {
      const { home } = await testHome('zsh');
      const zdot = join(home, '.config', 'zsh');
      await mkdir(zdot, { recursive: true });
      await writeFile(join(home, '.zshenv'), 'export ZDOTDIR="$HOME/.config/zsh"\n');
      const env = { ...process.env, HOME: home, SHELL: '/usr/bin/zsh', ZDOTDIR: join(home, 'stale') };
      const context = { ...contextFromProcess(env), platform: 'darwin' as const };
      const result = await setForGood(context, {
        name: 'SUITE_MAC',
        value: 'm',
        action: 'set',
        shell: 'zsh',
      });
      expect(result.plan.file).toBe(join(zdot, '.zprofile'));
      expect(freshLogin('zsh', home, 'SUITE_MAC')).toBe('m');
      expect(result.verification.tookEffect).toBe(true);

      const plain = await testHome('zsh');
      const inherited = { ...process.env, HOME: plain.home, SHELL: '/usr/bin/zsh', ZDOTDIR: zdot };
      const plan = await planChange(
        { ...contextFromProcess(inherited), platform: 'darwin' },
        { name: 'SUITE_MAC', value: 'm', action: 'set', shell: 'zsh' },
      );
      expect(plan.file).toBe(join(plain.home, '.zprofile'));
    },
    SHELL_TIMEOUT,
  );
});
