import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLoginEnvironment } from '../../../src-main/tools/env/login-env.ts';
import { planChange } from '../../../src-main/tools/env/permanent-change.ts';
import { setForGood, testHome } from '../../support/env-home.ts';

/** What a real shell started this way, with this HOME, has for the variable: the reference. */
function shellSees(home: string, shell: string, options: string[], name: string): string {
  const print = shell === 'fish' ? `printf '%s' "$${name}"` : `printf '%s' "$${name}"`;
  return execFileSync(shell, [...options, print], {
    encoding: 'utf8',
    cwd: home,
    env: { PATH: process.env.PATH ?? '', HOME: home, TERM: 'dumb' },
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30_000,
  });
}

/** A HOME as Debian's adduser makes it: /etc/skel's .profile, .bashrc (with its interactive guard) and .bash_logout. */
async function skelHome() {
  const made = await testHome('bash');
  await cp('/etc/skel', made.home, { recursive: true });
  return made;
}

describe('bash on a Debian default HOME (/etc/skel)', () => {
  it('writes ~/.profile, which bash -lc, bash -lic and sh -lc all read, and checks each', async () => {
    const { home, context } = await skelHome();
    expect(await readFile(join(home, '.bashrc'), 'utf8')).toMatch(
      /If not running interactively, don't do anything/,
    );
    const result = await setForGood(context, { name: 'SUITE_SKEL', value: 'seen everywhere', action: 'set' });
    expect(result.plan.file).toBe(join(home, '.profile'));
    expect(result.plan.serves).toEqual(['bash -lc', 'bash -lic', 'sh -lc']);
    expect(result.verification.checks.map((check) => [check.invocation, check.tookEffect])).toEqual([
      ['bash -lc', true],
      ['bash -lic', true],
      ['sh -lc', true],
    ]);
    expect(result.verification.tookEffect).toBe(true);
    for (const [shell, options] of [
      ['bash', ['-lc']],
      ['bash', ['-lic']],
      ['sh', ['-lc']],
    ] as const)
      expect(shellSees(home, shell, [...options], 'SUITE_SKEL'), `${shell} ${options[0]}`).toBe(
        'seen everywhere',
      );
  }, 60_000);

  it('a comment naming .bashrc in ~/.bash_profile does not send the block to .bashrc', async () => {
    const { home, context } = await skelHome();
    await writeFile(join(home, '.bash_profile'), '# I used to source ~/.bashrc here\nexport FROM_BP=1\n');
    const result = await setForGood(context, { name: 'SUITE_BP', value: 'yes', action: 'set' });
    expect(result.plan.file).toBe(join(home, '.bash_profile'));
    expect(result.plan.serves).toEqual(['bash -lc', 'bash -lic']);
    expect(result.verification.tookEffect).toBe(true);
    expect(shellSees(home, 'bash', ['-lc'], 'SUITE_BP')).toBe('yes');
    expect(await readFile(join(home, '.bashrc'), 'utf8')).not.toContain('devutil-suite');
  }, 60_000);

  it('a ~/.bash_profile that sources ~/.profile: ~/.profile, read by bash and sh login shells alike', async () => {
    const { home, context } = await skelHome();
    await writeFile(
      join(home, '.bash_profile'),
      'if [ -r "$HOME/.profile" ]; then\n  . "$HOME/.profile"\nfi\n',
    );
    const result = await setForGood(context, { name: 'SUITE_VIA', value: 'via .profile', action: 'set' });
    expect(result.plan.file).toBe(join(home, '.profile'));
    expect(result.plan.serves).toEqual(['bash -lc', 'bash -lic', 'sh -lc']);
    expect(result.verification.tookEffect).toBe(true);
    for (const [shell, option] of [
      ['bash', '-lc'],
      ['sh', '-lc'],
    ] as const)
      expect(shellSees(home, shell, [option], 'SUITE_VIA'), `${shell} ${option}`).toBe('via .profile');
  }, 60_000);

  it('a profile that leaves a background child running gives no false timeout', async () => {
    const { home, context } = await skelHome();
    await writeFile(
      join(home, '.profile'),
      `${await readFile(join(home, '.profile'), 'utf8')}(sleep 30 &)\nexport SUITE_BG=done\n`,
    );
    const env = await readLoginEnvironment('bash', context.shellPath, context, { timeoutMs: 8000 });
    expect(env.SUITE_BG).toBe('done');
  }, 30_000);
});

describe('zsh with an oh-my-zsh style ~/.zshrc', () => {
  async function ohMyZshHome() {
    const made = await testHome('zsh');
    const omz = join(made.home, '.oh-my-zsh');
    await mkdir(join(omz, 'lib'), { recursive: true });
    await writeFile(
      join(omz, 'oh-my-zsh.sh'),
      'for config_file ("$ZSH"/lib/*.zsh); do source "$config_file"; done\nexport SUITE_OMZ_THEME="$ZSH_THEME"\n',
    );
    await writeFile(
      join(omz, 'lib', 'functions.zsh'),
      'function omz_urlencode() { print -- "$1" }\nexport SUITE_FROM_LIB=1\n',
    );
    await writeFile(
      join(made.home, '.zshrc'),
      [
        '# Path to your oh-my-zsh installation.',
        'export ZSH="$HOME/.oh-my-zsh"',
        'ZSH_THEME="robbyrussell"',
        'plugins=(git)',
        'source $ZSH/oh-my-zsh.sh',
        'export SUITE_OVERRIDDEN="from .zshrc"',
        '',
      ].join('\n'),
    );
    return made;
  }

  it('writes ~/.zshenv, seen by login, interactive and plain zsh', async () => {
    const { home, context } = await ohMyZshHome();
    const result = await setForGood(context, { name: 'SUITE_Z', value: 'z value', action: 'set' });
    expect(result.plan.file).toBe(join(home, '.zshenv'));
    expect(result.plan.warnings).toEqual([]);
    expect(result.verification.checks.map((check) => [check.invocation, check.tookEffect])).toEqual([
      ['zsh -lc', true],
      ['zsh -ic', true],
      ['zsh -c', true],
    ]);
    for (const options of [['-lc'], ['-ic'], ['-c']])
      expect(shellSees(home, 'zsh', options, 'SUITE_Z'), options[0]).toBe('z value');
  }, 60_000);

  it('warns in the preview when ~/.zshrc sets the value again, and the check shows which shells lose it', async () => {
    const { home, context } = await ohMyZshHome();
    const plan = await planChange(context, { name: 'SUITE_OVERRIDDEN', value: 'mine', action: 'set' });
    expect(plan.warnings).toEqual([
      {
        kind: 'overridden',
        message:
          '~/.zshrc:6 (export SUITE_OVERRIDDEN="from .zshrc") sets SUITE_OVERRIDDEN again later, so shells that read that file get that value instead of this one.',
      },
    ]);
    const result = await setForGood(context, { name: 'SUITE_OVERRIDDEN', value: 'mine', action: 'set' });
    const checks = Object.fromEntries(
      result.verification.checks.map((check) => [check.invocation, check.seen]),
    );
    expect(checks).toEqual({
      'zsh -lc': shellSees(home, 'zsh', ['-lc'], 'SUITE_OVERRIDDEN'),
      'zsh -ic': shellSees(home, 'zsh', ['-ic'], 'SUITE_OVERRIDDEN'),
      'zsh -c': shellSees(home, 'zsh', ['-c'], 'SUITE_OVERRIDDEN'),
    });
    expect(checks['zsh -ic']).toBe('from .zshrc');
    expect(result.verification.tookEffect).toBe(false);
    // Found by asking zsh: oh-my-zsh sources its lib in a loop, which no reading of the text follows.
    const fromLib = await planChange(context, { name: 'SUITE_FROM_LIB', value: 'mine', action: 'set' });
    expect(fromLib.warnings.map((warning) => warning.message)).toEqual([
      '~/.oh-my-zsh/lib/functions.zsh:2 (export SUITE_FROM_LIB=1) sets SUITE_FROM_LIB again later, so shells that read that file get that value instead of this one.',
    ]);
  }, 60_000);
});

describe('fish with a config of functions', () => {
  it('writes its own conf.d file, seen by login and interactive fish; config.fish overriding it is named', async () => {
    const { home, context } = await testHome('fish');
    const config = join(home, '.config', 'fish');
    await mkdir(join(config, 'functions'), { recursive: true });
    await writeFile(join(config, 'functions', 'll.fish'), 'function ll\n    ls -l $argv\nend\n');
    await writeFile(
      join(config, 'config.fish'),
      [
        'function fish_greeting',
        'end',
        'if status is-interactive',
        '    set -gx SUITE_FISH_OVER interactive',
        'end',
        'function setter --description "never called at start"',
        '    set -gx SUITE_IN_FUNCTION 1',
        'end',
        '',
      ].join('\n'),
    );
    const plain = await setForGood(context, { name: 'SUITE_FISH', value: "it's fish", action: 'set' });
    expect(plain.plan.file).toBe(join(config, 'conf.d', 'devutil-suite.fish'));
    expect(plain.verification.checks.map((check) => [check.invocation, check.tookEffect])).toEqual([
      ['fish -lc', true],
      ['fish -ic', true],
    ]);
    expect(shellSees(home, 'fish', ['-lc'], 'SUITE_FISH')).toBe("it's fish");
    const over = await planChange(context, { name: 'SUITE_FISH_OVER', value: 'mine', action: 'set' });
    expect(over.warnings.map((warning) => warning.message)).toEqual([
      '~/.config/fish/config.fish:4 (set -gx SUITE_FISH_OVER interactive) sets SUITE_FISH_OVER again later, so shells that read that file get that value instead of this one.',
    ]);
  }, 60_000);
});

describe('prepend and append keep what the app set before', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    it(`set /first then append /second gives /first:/second (${shell})`, async () => {
      const { context } = await testHome(shell);
      await setForGood(context, { name: 'SUITE_MYLIST', value: '/first', action: 'set', shell });
      const appended = await setForGood(context, {
        name: 'SUITE_MYLIST',
        value: '/second',
        action: 'append',
        shell,
      });
      expect(appended.verification.tookEffect).toBe(true);
      const env = await readLoginEnvironment(shell, context.shellPath, context);
      expect(env.SUITE_MYLIST).toBe('/first:/second');
      // A set afterwards replaces both, and the preview says so.
      const plan = await planChange(context, { name: 'SUITE_MYLIST', value: '/only', action: 'set', shell });
      expect(plan.warnings.map((warning) => warning.kind)).toEqual(['replaces']);
      expect(plan.warnings[0]!.message).toContain('append /second');
    }, 60_000);
  }
});
