import { execFileSync, spawnSync } from 'node:child_process';
import { link, mkdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHELL_SPECIAL_NAMES } from '../../../src-main/tools/env/name-rules.ts';
import { planChange, undoChange } from '../../../src-main/tools/env/permanent-change.ts';
import { runSuite } from '../../support/cli.ts';
import { setForGood, sourceAndRead, testHome } from '../../support/env-home.ts';

const SHELL_TIMEOUT = 60_000;

/** What the shell itself says to `export NAME=x` (fish: set -gx): its error text, empty when it takes it. */
function shellRefuses(shell: 'bash' | 'zsh' | 'fish', name: string): string {
  const args =
    shell === 'fish'
      ? ['--no-config', '-c', `set -gx ${name} x`]
      : shell === 'zsh'
        ? ['-f', '-c', `export ${name}=x`]
        : ['--norc', '--noprofile', '-c', `export ${name}=x`];
  return spawnSync(shell, args, { encoding: 'utf8', timeout: SHELL_TIMEOUT }).stderr;
}

describe('names a shell or the app keeps for itself', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    it(
      `${shell}: every refused name is one the real ${shell} refuses, and nothing is written`,
      async () => {
        const { home, context } = await testHome(shell);
        for (const name of SHELL_SPECIAL_NAMES[shell]) {
          expect(shellRefuses(shell, name), name).not.toBe('');
          await expect(planChange(context, { name, value: 'x', action: 'set', shell }), name).rejects.toThrow(
            `${name} is special to ${shell}`,
          );
        }
        for (const name of ['SUITE_ENV_OUT', '__devutil_rest', '_']) {
          await expect(planChange(context, { name, value: 'x', action: 'set', shell }), name).rejects.toThrow(
            'DevUtil Suite uses itself',
          );
        }
        expect(existsSync(join(home, '.profile'))).toBe(false);
      },
      SHELL_TIMEOUT,
    );
  }

  it('HOME, IFS, LD_PRELOAD and a PATH with an empty entry need a yes; /usr/bin/:/bin/ does not', async () => {
    const { context } = await testHome('bash');
    for (const [name, value] of [
      ['HOME', '/nonexistent'],
      ['IFS', 'x'],
      ['LD_PRELOAD', '/nonexistent.so'],
      ['PATH', '/usr/bin:/bin:'],
    ] as const) {
      const plan = await planChange(context, { name, value, action: 'set', shell: 'bash' });
      expect(plan.needsConfirmation, name).toBe(true);
      expect(
        plan.warnings.map((warning) => warning.kind),
        name,
      ).toContain('risky');
    }
    const slashes = await planChange(context, {
      name: 'PATH',
      value: '/usr/bin/:/bin/',
      action: 'set',
      shell: 'bash',
    });
    expect(slashes.warnings).toEqual([]);
    expect(slashes.needsConfirmation).toBe(false);
  });

  it(
    'a profile that sets the old probe variable does not blind the check',
    async () => {
      const { home, context } = await testHome('bash');
      await writeFile(join(home, '.profile'), `export SUITE_ENV_OUT=${join(home, 'elsewhere')}\n`);
      const result = await setForGood(context, {
        name: 'SUITE_SEEN',
        value: 'yes',
        action: 'set',
        shell: 'bash',
      });
      expect(result.verification.tookEffect).toBe(true);
    },
    SHELL_TIMEOUT,
  );
});

describe('links, locks and line ends', () => {
  it(
    'a hard-linked profile stays linked through set and undo; a symlink stays a link after undo',
    async () => {
      const { home, context } = await testHome('bash');
      await mkdir(join(home, 'dots'));
      const other = join(home, 'dots', 'profile');
      await writeFile(other, '# mine\n');
      await link(other, join(home, '.profile'));
      const result = await setForGood(context, {
        name: 'SUITE_HL',
        value: 'v',
        action: 'set',
        shell: 'bash',
      });
      expect((await stat(other)).nlink).toBe(2);
      expect(sourceAndRead('bash', other, 'SUITE_HL')).toBe('v');
      await undoChange(context, result.undoId);
      expect((await stat(other)).nlink).toBe(2);
      expect(await readFile(other, 'utf8')).toBe('# mine\n');

      const adopted = await testHome('bash');
      await writeFile(join(adopted.home, '.profile'), '# mine\n');
      const set = await setForGood(adopted.context, {
        name: 'SUITE_L',
        value: 'v',
        action: 'set',
        shell: 'bash',
      });
      // A dotfile manager adopts the file after the write: the profile becomes a link to its copy.
      await mkdir(join(adopted.home, 'dots'));
      const kept = join(adopted.home, 'dots', 'profile');
      await writeFile(kept, await readFile(join(adopted.home, '.profile')));
      await import('node:fs/promises').then(({ rm }) => rm(join(adopted.home, '.profile')));
      await symlink(kept, join(adopted.home, '.profile'));
      await undoChange(adopted.context, set.undoId);
      expect(
        (
          await import('node:fs/promises').then(({ lstat }) => lstat(join(adopted.home, '.profile')))
        ).isSymbolicLink(),
      ).toBe(true);
      expect(await readFile(kept, 'utf8')).toBe('# mine\n');
    },
    SHELL_TIMEOUT,
  );

  it(
    'an empty or garbled lock file left for a while does not block a write',
    async () => {
      const { home, context } = await testHome('bash');
      await writeFile(join(home, '.profile'), '# p\n');
      const lock = join(home, '.profile.devutil-lock');
      await writeFile(lock, '');
      const old = new Date(Date.now() - 60_000);
      await utimes(lock, old, old);
      await setForGood(
        context,
        { name: 'SUITE_LOCK', value: 'v', action: 'set', shell: 'bash' },
        { verify: false },
      );
      await writeFile(lock, '{"pid":');
      await utimes(lock, old, old);
      await setForGood(
        context,
        { name: 'SUITE_LOCK', value: 'w', action: 'set', shell: 'bash' },
        { verify: false },
      );
      expect(sourceAndRead('bash', join(home, '.profile'), 'SUITE_LOCK')).toBe('w');
    },
    SHELL_TIMEOUT,
  );

  it('a block converted to CRLF is still the app’s own', async () => {
    const { home, context } = await testHome('bash');
    const profile = join(home, '.profile');
    await writeFile(profile, '# p\n');
    await setForGood(
      context,
      { name: 'SUITE_CR', value: 'v', action: 'set', shell: 'bash' },
      { verify: false },
    );
    await writeFile(profile, (await readFile(profile, 'utf8')).replace(/\n/g, '\r\n'));
    await setForGood(
      context,
      { name: 'SUITE_CR', value: '', action: 'remove', shell: 'bash' },
      { verify: false },
    );
    expect(await readFile(profile, 'utf8')).toBe('# p\r\n');
  });
});

describe('CLI messages in plain words', () => {
  const cliEnv = (home: string) => ({
    ...process.env,
    HOME: home,
    SHELL: execFileSync('which', ['bash'], { encoding: 'utf8' }).trim(),
  });

  it(
    'a file changed between preview and write says to run the command again',
    async () => {
      const { home } = await testHome('bash');
      await writeFile(join(home, '.profile'), '# p\n');
      // bash's login file touches ~/.profile each time bash starts: between the preview and the write.
      await writeFile(
        join(home, '.bash_profile'),
        '. "$HOME/.profile"\necho "# touched" >> "$HOME/.profile"\n',
      );
      const run = await runSuite(['env', 'set', 'SUITE_RACE', 'v'], cliEnv(home));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Run the command again');
      expect(run.stderr).not.toContain('apply again');
    },
    SHELL_TIMEOUT,
  );

  it(
    'a name too long and a bad undo id get one plain line',
    async () => {
      const { home } = await testHome('bash');
      const long = await runSuite(['env', 'set', 'A'.repeat(300), 'x'], cliEnv(home));
      expect(long.code).toBe(2);
      expect(long.stderr.trim()).toBe('suite env set: A variable name is at most 200 characters long.');
      const undo = await runSuite(['env', 'undo', '../x y'], cliEnv(home));
      expect(undo.code).toBe(2);
      expect(undo.stderr).not.toMatch(/pattern|regex|\^\[/);
    },
    SHELL_TIMEOUT,
  );
});
