import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../support/cli.ts';
import { testHome } from '../../support/env-home.ts';

async function cliHome() {
  const { home } = await testHome('bash');
  const env = {
    ...process.env,
    HOME: home,
    SHELL: execFileSync('which', ['bash'], { encoding: 'utf8' }).trim(),
  };
  return { home, env };
}

describe('suite env', () => {
  it('set --dry-run prints the diff and changes nothing', async () => {
    const { home, env } = await cliHome();
    await writeFile(join(home, '.profile'), '# mine\n');
    const run = await runSuite(['env', 'set', 'SUITE_DRY', 'value', '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`+export SUITE_DRY='value'`);
    expect(run.stdout).toContain('(dry run:');
    expect(await readFile(join(home, '.profile'), 'utf8')).toBe('# mine\n');
  });

  it('set writes, checks in a login shell, and get / where / unset / undo follow it', async () => {
    const { home, env } = await cliHome();
    const set = await runSuite(['env', 'set', 'SUITE_CLI', 'a b', '--json'], env);
    expect(set.code).toBe(0);
    const result = JSON.parse(set.stdout) as { verification: { tookEffect: boolean }; undoId: string };
    expect(result.verification.tookEffect).toBe(true);
    expect((await runSuite(['env', 'get', 'SUITE_CLI'], env)).stdout).toBe('a b\n');
    expect((await runSuite(['env', 'where', 'SUITE_CLI'], env)).stdout).toContain('(set by DevUtil Suite)');
    const unset = await runSuite(['env', 'unset', 'SUITE_CLI'], env);
    expect(unset.code).toBe(0);
    expect((await runSuite(['env', 'get', 'SUITE_CLI'], env)).code).toBe(1);
    const undo = await runSuite(['env', 'undo', result.undoId], env);
    expect(undo.code).toBe(2);
    expect(undo.stderr).toContain('changed after DevUtil Suite wrote it');
    expect(await readFile(join(home, '.profile'), 'utf8')).toBe('');
  });

  it('list masks secrets unless --reveal', async () => {
    const { home, env } = await cliHome();
    await writeFile(join(home, '.profile'), 'export SUITE_API_TOKEN=hunter2\n');
    const masked = await runSuite(['env', 'list'], env);
    expect(masked.stdout).toMatch(/^SUITE_API_TOKEN=•+$/m);
    expect(masked.stdout).not.toContain('hunter2');
    expect((await runSuite(['env', 'list', '--reveal'], env)).stdout).toContain('SUITE_API_TOKEN=hunter2');
  });

  it('bad names, and unsetting what the app never set, are exit 2 with one line', async () => {
    const { env } = await cliHome();
    const bad = await runSuite(['env', 'set', '9LIVES', 'x'], env);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'suite env set: A variable name is letters, digits and underscores, and does not start with a digit.\n',
    ]);
    const nothing = await runSuite(['env', 'unset', 'NEVER_SET'], env);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(
      /^suite env unset: DevUtil Suite has not set NEVER_SET in .*\.profile; there is nothing of its own to remove\.\n$/,
    );
  });
});
