import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextFromProcess } from '../../../src-main/tools/env/env-context.ts';
import { planChange } from '../../../src-main/tools/env/permanent-change.ts';
import { runSuite } from '../../support/cli.ts';
import { setForGood, testHome } from '../../support/env-home.ts';

const SHELL_TIMEOUT = 60_000;
const which = (shell: string) => execFileSync('which', [shell], { encoding: 'utf8' }).trim();

/** What a real fresh login shell has for EDITOR: the truth each warning is checked against. */
function freshEditor(shell: 'bash' | 'zsh' | 'fish', home: string): string {
  const print = shell === 'fish' ? 'printf %s "$EDITOR"' : `printf '%s' "$EDITOR"`;
  return execFileSync(shell, ['-l', '-c', print], {
    encoding: 'utf8',
    env: { HOME: home, TERM: 'dumb', PATH: '/usr/bin:/bin' },
    timeout: SHELL_TIMEOUT,
  });
}

describe('later startup files that override the change are named in the preview', () => {
  const overridden = async (shell: 'bash' | 'zsh' | 'fish', files: Record<string, string>) => {
    const { home, context } = await testHome(shell);
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(home, name, '..'), { recursive: true });
      await writeFile(join(home, name), text);
    }
    const plan = await planChange(context, { name: 'EDITOR', value: 'nano', action: 'set', shell });
    const warned = plan.warnings.some((warning) => warning.kind === 'overridden');
    const result = await setForGood(context, { name: 'EDITOR', value: 'nano', action: 'set', shell });
    return { warned, fresh: freshEditor(shell, home), tookEffect: result.verification.tookEffect };
  };

  it(
    'bash: ~/.bash_profile sets EDITOR after sourcing ~/.profile',
    async () => {
      const found = await overridden('bash', {
        '.profile': '# mine\n',
        '.bash_profile': '. "$HOME/.profile"\nexport EDITOR=vim\n',
      });
      expect(found).toEqual({ warned: true, fresh: 'vim', tookEffect: false });
    },
    SHELL_TIMEOUT,
  );

  it(
    'bash: nothing after the source line, no warning',
    async () => {
      const found = await overridden('bash', {
        '.profile': '# mine\n',
        '.bash_profile': 'export EDITOR=vim\n. "$HOME/.profile"\n',
      });
      expect(found).toEqual({ warned: false, fresh: 'nano', tookEffect: true });
    },
    SHELL_TIMEOUT,
  );

  it(
    'fish: config.fish overrides on first use (the app’s file not there yet)',
    async () => {
      const found = await overridden('fish', { '.config/fish/config.fish': 'set -gx EDITOR vim\n' });
      expect(found).toEqual({ warned: true, fresh: 'vim', tookEffect: false });
    },
    SHELL_TIMEOUT,
  );

  it(
    'zsh: unset EDITOR in .zprofile is an override; a comment naming $EDITOR keeps nothing',
    async () => {
      const unset = await overridden('zsh', { '.zprofile': 'unset EDITOR\n' });
      expect(unset.warned).toBe(true);
      expect(unset.fresh).toBe('');
      const comment = await overridden('zsh', { '.zprofile': 'export EDITOR=vim # not $EDITOR\n' });
      expect(comment).toEqual({ warned: true, fresh: 'vim', tookEffect: false });
    },
    SHELL_TIMEOUT,
  );
});

describe('bash’s trace read whatever HOME or PS4 is', () => {
  for (const [label, bashProfile] of [
    ['a user PS4', 'PS4="+ ${BASH_SOURCE}:${LINENO}: "\n. ~/.profile\n'],
    ['a plain source', '[ -f ~/.profile ] && . ~/.profile\n'],
  ] as const) {
    it(
      `HOME with a space and ${label}: ~/.profile chosen, which sh -lc reads too`,
      async () => {
        const base = await mkdtemp(join(tmpdir(), 'suite env space '));
        afterAll(() => rm(base, { recursive: true, force: true }));
        const { home, context } = await testHome('bash', base);
        await writeFile(join(home, '.profile'), '# profile\n');
        await writeFile(join(home, '.bash_profile'), bashProfile);
        const result = await setForGood(context, {
          name: 'SUITE_SP',
          value: 'v',
          action: 'set',
          shell: 'bash',
        });
        expect(result.plan.file).toBe(join(home, '.profile'));
        expect(result.verification.checks.map((check) => check.invocation)).toContain('sh -lc');
        expect(result.verification.tookEffect).toBe(true);
      },
      SHELL_TIMEOUT,
    );
  }
});

describe('the check judges a list by the entries the block controls', () => {
  it(
    'fish: PATH set without the sbin folders is seen although fish appends them',
    async () => {
      const { home } = await testHome('fish');
      const context = contextFromProcess({ ...process.env, HOME: home, SHELL: which('fish') });
      const value = '/opt/suite-first:/usr/bin:/bin';
      const result = await setForGood(
        context,
        { name: 'PATH', value, action: 'set', shell: 'fish' },
        { confirmed: true },
      );
      expect(result.verification.tookEffect).toBe(true);
    },
    SHELL_TIMEOUT,
  );
});

describe('taking out an entry the list also has from elsewhere', () => {
  it(
    'bash: append /usr/bin to PATH, then unset: the check sees the block’s copy gone',
    async () => {
      const { home, context } = await testHome('bash');
      await writeFile(join(home, '.profile'), '# mine\n');
      await setForGood(context, { name: 'PATH', value: '/usr/bin', action: 'append', shell: 'bash' });
      const copies = () =>
        execFileSync('bash', ['-lc', 'printf %s "$PATH"'], {
          encoding: 'utf8',
          env: { HOME: home, TERM: 'dumb', PATH: '/usr/local/bin:/usr/bin:/bin' },
        })
          .split(':')
          .filter((entry) => entry === '/usr/bin').length;
      const withBlock = copies();
      const result = await setForGood(context, { name: 'PATH', value: '', action: 'remove', shell: 'bash' });
      expect(copies()).toBe(withBlock - 1);
      expect(result.verification.tookEffect).toBe(true);
    },
    SHELL_TIMEOUT,
  );
});

describe('adding an entry the list already has', () => {
  it(
    'bash: passes when the block is read, fails when the profile returns before it',
    async () => {
      const read = await testHome('bash');
      await writeFile(join(read.home, '.profile'), '# mine\n');
      const seen = await setForGood(read.context, {
        name: 'PATH',
        value: '/usr/local/bin',
        action: 'prepend',
        shell: 'bash',
      });
      expect(seen.verification.tookEffect).toBe(true);

      const unread = await testHome('bash');
      await writeFile(join(unread.home, '.profile'), 'return 0\n');
      const missed = await setForGood(unread.context, {
        name: 'PATH',
        value: '/usr/local/bin',
        action: 'prepend',
        shell: 'bash',
      });
      expect(missed.verification.tookEffect).toBe(false);
    },
    SHELL_TIMEOUT,
  );
});

describe('env get when no login shell can be read', () => {
  it(
    'says so in one line and exits non-zero, never answering from its own environment',
    async () => {
      const { home } = await testHome('bash');
      await writeFile(join(home, '.profile'), 'exit 3\n');
      const env = { ...process.env, HOME: home, SHELL: which('bash'), SUITE_OWN: 'from-cli' };
      const text = await runSuite(['env', 'get', 'SUITE_OWN'], env);
      expect(text.code).toBe(2);
      expect(text.stdout).toBe('');
      expect(text.stderr.trim().split('\n')).toHaveLength(1);
      expect(text.stderr).toContain('cannot tell what a new login shell has for SUITE_OWN');
      const json = await runSuite(['env', 'get', 'SUITE_OWN', '--json'], env);
      expect(json.code).toBe(1);
      const parsed = JSON.parse(json.stdout) as { value: unknown; error: string };
      expect(parsed.value).toBeNull();
      expect(parsed.error).toContain('exited with status 3');
    },
    SHELL_TIMEOUT,
  );
});
