import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../support/cli.ts';
import { testHome } from '../../support/env-home.ts';

async function cliHome() {
  const { home } = await testHome('bash');
  const env = {
    ...process.env,
    HOME: home,
    XDG_STATE_HOME: join(home, '.local', 'state'),
    SHELL: execFileSync('which', ['bash'], { encoding: 'utf8' }).trim(),
  };
  return { home, env };
}

describe('suite env profile', () => {
  it('set, list, enable (preview, then --yes), export and disable, through the channels', async () => {
    const { home, env } = await cliHome();
    const profile = join(home, '.profile');
    await writeFile(profile, '# mine\n');
    expect((await runSuite(['env', 'profile', 'set', 'web', 'SUITE_PORT', '8080'], env)).code).toBe(0);
    const prepend = ['env', 'profile', 'set', 'web', 'PATH', '/opt/web bin', '--prepend'];
    expect((await runSuite(prepend, env)).code).toBe(0);
    expect((await runSuite(['env', 'profile', 'list'], env)).stdout).toBe(
      'web\tdisabled\t2 variable edit(s)\n',
    );

    const preview = await runSuite(['env', 'profile', 'enable', 'web'], env);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain("+export SUITE_PORT='8080'");
    expect(preview.stdout).toContain('(preview only: add --yes');
    expect(await readFile(profile, 'utf8')).toBe('# mine\n');

    const enable = await runSuite(['env', 'profile', 'enable', 'web', '--yes'], env);
    expect(enable.code, enable.stderr).toBe(0);
    expect(enable.stdout).toMatch(/bash -lc: sees the change \(SUITE_PORT, PATH\)/);
    expect((await runSuite(['env', 'get', 'SUITE_PORT'], env)).stdout).toBe('8080\n');
    expect((await runSuite(['env', 'profile', 'list'], env)).stdout).toContain('web\tenabled (1 of 1)');

    const list = await runSuite(['env', 'profile', 'export', 'web'], env);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/edits lists \(prepend PATH\)/);

    await runSuite(['env', 'profile', 'set', 'plain', 'SUITE_QUOTED', `it's "x" # y`], env);
    const exported = await runSuite(['env', 'profile', 'export', 'plain'], env);
    expect(exported.code).toBe(0);
    expect(parse(exported.stdout)).toEqual({ SUITE_QUOTED: `it's "x" # y` });

    const disable = await runSuite(['env', 'profile', 'disable', 'web', '--yes'], env);
    expect(disable.code, disable.stderr).toBe(0);
    expect(await readFile(profile, 'utf8')).toBe('# mine\n');
  }, 120_000);

  it('import reads a .env file; one with unreadable lines is refused in one line naming them, exit 2', async () => {
    const { home, env } = await cliHome();
    const good = join(home, 'good.env');
    await writeFile(good, '# app\nexport A=1\nB="two words"\n');
    const imported = await runSuite(['env', 'profile', 'import', 'app', good], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(`Profile app now has 2 variable(s) from ${good}.\n`);

    const bad = join(home, 'bad.env');
    await writeFile(bad, 'A=1\nnot a line\nC="open\n');
    const refused = await runSuite(['env', 'profile', 'import', 'app', bad], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`${bad}:2: not a KEY=value line; ${bad}:3: the quote`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect((await runSuite(['env', 'profile', 'list'], env)).stdout).toContain(
      'app\tdisabled\t2 variable edit(s)',
    );

    const missing = await runSuite(['env', 'profile', 'import', 'app', join(home, 'nope.env')], env);
    expect(missing.code).toBe(2);
    expect((await runSuite(['env', 'profile', 'frobnicate'], env)).code).toBe(2);
    expect(existsSync(join(home, '.profile'))).toBe(false);
  }, 120_000);
});
