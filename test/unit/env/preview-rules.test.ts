import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/core/dispatch.ts';
import { envHandlers } from '../../../src-main/tools/env/handlers.ts';
import { listEnvironment } from '../../../src-main/tools/env/env-service.ts';
import { applyChange, planChange } from '../../../src-main/tools/env/permanent-change.ts';
import { runSuite } from '../../support/cli.ts';
import { setForGood, sourceAndRead, testHome } from '../../support/env-home.ts';

const noSignal = { signal: new AbortController().signal, progress: () => {} };

describe('apply writes exactly what the preview showed', () => {
  it('takes only the preview id: other fields, unknown and used ids are refused', async () => {
    const { home, context } = await testHome('bash');
    const plan = await planChange(context, { name: 'SUITE_ID', value: 'previewed', action: 'set' });
    expect(plan.planId).toMatch(/^[0-9a-f]{32}$/);
    const sneaky = await dispatch(
      envHandlers,
      'env.apply',
      { planId: plan.planId, value: 'other' },
      noSignal,
    );
    // Refused by the schema itself, before any preview is looked up.
    expect(sneaky).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Invalid input. Unrecognized key: "value".' },
    });
    const unknown = applyChange(context, { planId: 'f'.repeat(32), confirmed: false, reveal: false });
    await expect(unknown).rejects.toThrow(
      'That preview is unknown or has expired; preview the change again.',
    );
    const result = await applyChange(context, { planId: plan.planId, confirmed: false, reveal: false });
    expect(result.verification.tookEffect).toBe(true);
    expect(sourceAndRead('bash', join(home, '.profile'), 'SUITE_ID')).toBe('previewed');
    await expect(
      applyChange(context, { planId: plan.planId, confirmed: false, reveal: false }),
    ).rejects.toThrow('unknown or has expired');
  });

  it('a preview made for another HOME is not applied here', async () => {
    const first = await testHome('bash');
    const second = await testHome('bash');
    const plan = await planChange(first.context, { name: 'SUITE_OTHER_HOME', value: 'x', action: 'set' });
    await expect(
      applyChange(second.context, { planId: plan.planId, confirmed: false, reveal: false }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('a PATH without the system folders', () => {
  it('is previewed with a warning and written only when confirmed', async () => {
    const { home, context } = await testHome('bash');
    await writeFile(join(home, '.profile'), '# mine\n');
    const plan = await planChange(context, { name: 'PATH', value: '/opt/only', action: 'set' });
    expect(plan.needsConfirmation).toBe(true);
    expect(plan.warnings.map((warning) => warning.kind)).toEqual(['drops-system-path']);
    expect(plan.warnings[0]!.message).toContain('/usr/bin, /bin');
    await expect(
      applyChange(context, { planId: plan.planId, confirmed: false, reveal: false }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'This change needs your confirmation (see the preview’s warning); nothing was written.',
    });
    expect(await readFile(join(home, '.profile'), 'utf8')).toBe('# mine\n');
    await applyChange(context, { planId: plan.planId, confirmed: true, reveal: false }, { verify: false });
    expect(sourceAndRead('bash', join(home, '.profile'), 'PATH')).toBe('/opt/only');
    for (const change of [
      { name: 'PATH', value: '/opt/x', action: 'prepend' as const },
      { name: 'PATH', value: '/opt/x:/usr/bin:/bin', action: 'set' as const },
      { name: 'MYPATH', value: '/opt/only', action: 'set' as const },
    ])
      expect((await planChange(context, change)).needsConfirmation, JSON.stringify(change)).toBe(false);
  });

  it('the CLI refuses it without --confirm (exit 2, one line) and writes it with', async () => {
    const { home, context } = await testHome('bash');
    const env = { ...process.env, HOME: home, SHELL: context.shellPath };
    const refused = await runSuite(['env', 'set', 'PATH', '/opt/only'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('Add --confirm to write it anyway; nothing was written.');
    const written = await runSuite(['env', 'set', 'PATH', '/opt/only', '--confirm'], env);
    expect(written.stdout).toContain("+export PATH='/opt/only'");
    expect(sourceAndRead('bash', join(home, '.profile'), 'PATH')).toBe('/opt/only');
  }, 60_000);
});

describe('secrets are masked in the diff, the messages and the JSON', () => {
  it('masks a secret name and a password in a URL, and --reveal shows them', async () => {
    const { home, context } = await testHome('bash');
    await writeFile(join(home, '.profile'), 'export NPM_TOKEN=npm_in_context\n');
    const token = await setForGood(context, { name: 'SUITE_API_TOKEN', value: 'tok_12345', action: 'set' });
    const everything = JSON.stringify(token);
    expect(everything).not.toContain('tok_12345');
    expect(everything).not.toContain('npm_in_context');
    expect(token.verification.tookEffect).toBe(true);
    expect(token.verification.message).toContain('SUITE_API_TOKEN is "••••••••"');

    // A secret over several lines is masked whole, in bash's and fish's quoting.
    for (const shell of ['bash', 'fish'] as const) {
      const lines = await planChange(context, {
        name: 'SUITE_MULTI_SECRET',
        value: 'first-part\nsecond-part\nthird-part',
        action: 'set',
        shell,
      });
      expect(lines.diff, shell).not.toMatch(/first-part|second-part|third-part/);
      expect(lines.diff, shell).toContain('SUITE_MULTI_SECRET');
    }

    const url = await planChange(context, {
      name: 'DATABASE_URL',
      value: 'postgres://user:pw-in-url@db.example:5432/app',
      action: 'set',
    });
    expect(url.diff).toContain("+export DATABASE_URL='postgres://user:••••••••@db.example:5432/app'");
    expect(url.diff).not.toContain('pw-in-url');
    const revealed = await planChange(context, {
      name: 'DATABASE_URL',
      value: 'postgres://user:pw-in-url@db.example:5432/app',
      action: 'set',
      reveal: true,
    });
    expect(revealed.diff).toContain('pw-in-url');

    const view = await listEnvironment(context);
    const listed = view.variables.find((variable) => variable.name === 'SUITE_API_TOKEN')!;
    expect([listed.secret, listed.masked]).toEqual([true, '••••••••']);

    const env = { ...process.env, HOME: home, SHELL: context.shellPath };
    const json = await runSuite(
      ['env', 'set', 'SUITE_DB_URL', 'mysql://root:hunter2@localhost/db', '--json'],
      env,
    );
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain('hunter2');
    const list = await runSuite(['env', 'list', '--json'], env);
    expect(list.stdout).not.toContain('hunter2');
    expect(list.stdout).not.toContain('tok_12345');
    expect((await runSuite(['env', 'get', 'SUITE_DB_URL', '--reveal'], env)).stdout).toBe(
      'mysql://root:hunter2@localhost/db\n',
    );
  }, 60_000);
});
