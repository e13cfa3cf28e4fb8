import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangePlan } from '../../../src-main/contract/env.ts';
import type { EnvContext } from '../../../src-main/tools/env/env-context.ts';
import { readLoginEnvironment } from '../../../src-main/tools/env/login-env.ts';
import { applyChange, planProfileToggle, undoChange } from '../../../src-main/tools/env/permanent-change.ts';
import { exportProfile, importProfile, listProfiles } from '../../../src-main/tools/env/profile-service.ts';
import { deleteProfile, setProfileVariable } from '../../../src-main/tools/env/profile-store.ts';
import { setForGood, sourceAndRead, testHome } from '../../support/env-home.ts';
import type { FileShellKind } from '../../support/env-home.ts';

const SHELL_KINDS: FileShellKind[] = ['bash', 'zsh', 'fish'];
const USER_TEXT = '# the user’s own line\n';

async function toggle(context: EnvContext, profile: string, enable: boolean, shell: FileShellKind) {
  const plan: ChangePlan = await planProfileToggle(context, { profile, enable, shell });
  const result = await applyChange(context, { planId: plan.planId, confirmed: false, reveal: true });
  return { plan, result };
}

const login = (context: EnvContext, shell: FileShellKind) =>
  readLoginEnvironment(shell, context.shellPath, context);

describe('profiles enabled and disabled as one change, seen by each kind of shell', () => {
  for (const shell of SHELL_KINDS) {
    it(`two profiles in order, a conflict shown before writing, disable and Undo exact (${shell})`, async () => {
      const { context } = await testHome(shell);
      await setProfileVariable(context, 'jdk21', { name: 'SUITE_JAVA', action: 'set', value: '/opt/jdk 21' });
      await setProfileVariable(context, 'jdk21', {
        name: 'PATH',
        action: 'prepend',
        value: '/opt/jdk 21/bin',
      });
      await setProfileVariable(context, 'jdk21', { name: 'PATH', action: 'append', value: '/opt/removable' });
      await setProfileVariable(context, 'jdk17', { name: 'SUITE_JAVA', action: 'set', value: "/opt/jdk'17" });
      await setProfileVariable(context, 'jdk17', { name: 'PATH', action: 'remove', value: '/opt/removable' });

      const first = await toggle(context, 'jdk21', true, shell);
      const file = first.plan.target;
      // One change: one diff that holds every variable of the profile, one undo id.
      expect(first.plan.diff).toContain('SUITE_JAVA');
      expect(first.plan.diff).toContain('/opt/jdk 21/bin');
      expect(first.plan.warnings).toEqual([]);
      expect(first.result.verification.tookEffect, first.result.verification.message).toBe(true);
      let env = await login(context, shell);
      expect(env.SUITE_JAVA).toBe('/opt/jdk 21');
      expect(env.PATH!.split(':')[0]).toBe('/opt/jdk 21/bin');
      expect(env.PATH!.split(':').at(-1)).toBe('/opt/removable');
      expect(sourceAndRead(shell, file, 'SUITE_JAVA')).toBe('/opt/jdk 21');

      const afterFirst = await readFile(file);
      const second = await toggle(context, 'jdk17', true, shell);
      expect(second.plan.warnings.map((warning) => warning.kind)).toEqual(['conflict', 'conflict']);
      expect(second.plan.warnings[0]!.message).toMatch(/profile jdk17 sets SUITE_JAVA after profile jdk21/);
      expect(second.plan.warnings[1]!.message).toMatch(/removes \/opt\/removable from PATH/);
      expect(second.result.verification.tookEffect, second.result.verification.message).toBe(true);
      env = await login(context, shell);
      expect(env.SUITE_JAVA).toBe("/opt/jdk'17");
      expect(env.PATH!.split(':')).not.toContain('/opt/removable');
      expect(env.PATH!.split(':')[0]).toBe('/opt/jdk 21/bin');
      expect((await listProfiles(context, shell)).active).toEqual(['jdk21', 'jdk17']);

      const afterSecond = await readFile(file);
      const off = await toggle(context, 'jdk17', false, shell);
      expect(off.result.verification.tookEffect, off.result.verification.message).toBe(true);
      env = await login(context, shell);
      expect(env.SUITE_JAVA).toBe('/opt/jdk 21');
      expect(env.PATH!.split(':')).toContain('/opt/removable');
      expect((await readFile(file)).equals(afterFirst)).toBe(true);

      // Undo goes back exactly, one change at a time.
      await undoChange(context, off.result.undoId);
      expect((await readFile(file)).equals(afterSecond)).toBe(true);
      await undoChange(context, second.result.undoId);
      expect((await readFile(file)).equals(afterFirst)).toBe(true);
      await undoChange(context, first.result.undoId);
      expect(existsSync(file)).toBe(false);
    }, 180_000);
  }

  it('keeps the user’s text outside the block, and a single change leaves a profile’s entries alone', async () => {
    const { home, context } = await testHome('bash');
    const file = join(home, '.profile');
    await writeFile(file, USER_TEXT);
    await setProfileVariable(context, 'tools', { name: 'PATH', action: 'prepend', value: '/opt/tools' });
    const on = await toggle(context, 'tools', true, 'bash');
    // `env set PATH … --prepend` and then `env unset PATH` touch only the app's own entries.
    await setForGood(
      context,
      { name: 'PATH', value: '/opt/mine', action: 'prepend', shell: 'bash' },
      { verify: false },
    );
    await setForGood(
      context,
      { name: 'PATH', value: '', action: 'remove', shell: 'bash' },
      { verify: false },
    );
    expect(sourceAndRead('bash', file, 'PATH').split(':')[0]).toBe('/opt/tools');
    await toggle(context, 'tools', false, 'bash');
    expect(await readFile(file, 'utf8')).toBe(USER_TEXT);
    expect(on.plan.target).toBe(file);
  }, 120_000);

  it('says which kind of shell does not see a profile when a later startup file overrides it (zsh)', async () => {
    const { home, context } = await testHome('zsh');
    await writeFile(join(home, '.zshrc'), 'export SUITE_OVERRIDDEN=theirs\n');
    await setProfileVariable(context, 'mine', { name: 'SUITE_OVERRIDDEN', action: 'set', value: 'mine' });
    const { plan, result } = await toggle(context, 'mine', true, 'zsh');
    expect(plan.warnings.map((warning) => warning.kind)).toContain('overridden');
    expect(result.verification.tookEffect).toBe(false);
    const interactive = result.verification.checks.filter((check) => !check.tookEffect);
    expect(interactive.map((check) => check.invocation).every((invocation) => invocation.includes('i'))).toBe(
      true,
    );
    expect(interactive[0]!.message).toMatch(/does not see the change \(SUITE_OVERRIDDEN is "theirs"\)/);
  }, 120_000);

  it('a profile deleted while enabled is disabled from the block’s own copy, and checked', async () => {
    const { context } = await testHome('bash');
    await setProfileVariable(context, 'gone', { name: 'SUITE_GONE', action: 'set', value: 'here' });
    await toggle(context, 'gone', true, 'bash');
    await deleteProfile(context, 'gone');
    expect((await listProfiles(context, 'bash')).active).toEqual(['gone']);
    const off = await toggle(context, 'gone', false, 'bash');
    expect(off.plan.diff).toContain("-export SUITE_GONE='here'");
    expect(off.result.verification.checks[0]!.message).toMatch(/sees the change \(SUITE_GONE\)/);
    expect((await login(context, 'bash')).SUITE_GONE).toBeUndefined();
  }, 120_000);

  it('refuses to disable a profile that is not enabled, and to enable an unknown one, in a sentence', async () => {
    const { context } = await testHome('bash');
    await setProfileVariable(context, 'idle', { name: 'SUITE_IDLE', action: 'set', value: '1' });
    await expect(
      planProfileToggle(context, { profile: 'idle', enable: false, shell: 'bash' }),
    ).rejects.toThrow(/not enabled/);
    await expect(
      planProfileToggle(context, { profile: 'nope', enable: true, shell: 'bash' }),
    ).rejects.toThrow(/no profile named nope/);
  });
});

describe('.env files into profiles and back', () => {
  const HOSTILE = {
    SUITE_QUOTES: `it's "quoted" here`,
    SUITE_DOLLAR: '${HOME} and $PATH and $(touch never)',
    SUITE_HASH: 'value # not a comment',
    SUITE_MULTI: 'first\nsecond',
    SUITE_SPACES: '  padded  ',
    SUITE_BACKSLASH: 'C:\\tools\\n',
    SUITE_UNICODE: 'café 日本',
  };

  for (const shell of SHELL_KINDS) {
    it(`an exported profile imports back the same, and each value reaches ${shell} exactly`, async () => {
      const { home, context } = await testHome(shell);
      for (const [name, value] of Object.entries(HOSTILE))
        await setProfileVariable(context, 'app', { name, action: 'set', value });
      const { text } = await exportProfile(context, 'app');
      const imported = await importProfile(context, 'copy', text, false);
      expect(imported.errors).toEqual([]);
      expect(imported.profile!.entries).toEqual(
        Object.entries(HOSTILE).map(([name, value]) => ({ name, action: 'set', value })),
      );
      const on = await toggle(context, 'copy', true, shell);
      expect(on.result.verification.tookEffect, on.result.verification.message).toBe(true);
      const env = await login(context, shell);
      for (const [name, value] of Object.entries(HOSTILE)) expect(env[name], name).toBe(value);
      expect(existsSync(join(home, 'never'))).toBe(false);
    }, 120_000);
  }

  it('an import with unreadable lines changes nothing and names each line', async () => {
    const { context } = await testHome('bash');
    await setProfileVariable(context, 'app', { name: 'SUITE_KEEP', action: 'set', value: 'kept' });
    const result = await importProfile(context, 'app', 'A=1\nthis is not a line\nB="unclosed\n', false);
    expect(result.profile).toBeNull();
    expect(result.errors.map((error) => error.line)).toEqual([2, 3]);
    expect((await listProfiles(context, 'bash')).profiles).toEqual([
      { name: 'app', entries: [{ name: 'SUITE_KEEP', action: 'set', value: 'kept' }] },
    ]);
  });
});

describe('entries turned off in the list editor', () => {
  for (const shell of SHELL_KINDS) {
    it(`stay in the block as comments and out of the value (${shell})`, async () => {
      const { context } = await testHome(shell);
      const off = ['/opt/off line', "/opt/it's\noff"];
      const result = await setForGood(context, {
        name: 'SUITE_LIST',
        value: '/opt/a:/opt/b',
        action: 'set',
        shell,
        disabled: off,
      });
      expect(result.verification.tookEffect, result.verification.message).toBe(true);
      const text = await readFile(result.plan.target, 'utf8');
      for (const entry of off) expect(text).toContain(`# disabled in SUITE_LIST: ${JSON.stringify(entry)}\n`);
      expect(sourceAndRead(shell, result.plan.target, 'SUITE_LIST')).toBe('/opt/a:/opt/b');
      // The block with its comments reads back: the next change is not refused as hand-edited.
      await setForGood(context, { name: 'SUITE_OTHER', value: '1', action: 'set', shell }, { verify: false });
    }, 60_000);
  }
});

describe('parallel writers', () => {
  it('forty parallel saves into profiles all land', async () => {
    const { context } = await testHome('bash');
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        setProfileVariable(context, `p${index % 4}`, {
          name: `SUITE_V${index}`,
          action: 'set',
          value: `${index}`,
        }),
      ),
    );
    const { profiles } = await listProfiles(context, 'bash');
    expect(profiles.map((profile) => profile.entries.length).reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('two previews of one file: the second write is refused, not lost over the first', async () => {
    const { context } = await testHome('bash');
    await setProfileVariable(context, 'a', { name: 'SUITE_A', action: 'set', value: '1' });
    await setProfileVariable(context, 'b', { name: 'SUITE_B', action: 'set', value: '2' });
    const first = await planProfileToggle(context, { profile: 'a', enable: true, shell: 'bash' });
    const second = await planProfileToggle(context, { profile: 'b', enable: true, shell: 'bash' });
    await applyChange(context, { planId: first.planId, confirmed: false, reveal: false }, { verify: false });
    await expect(
      applyChange(context, { planId: second.planId, confirmed: false, reveal: false }, { verify: false }),
    ).rejects.toThrow(/changed since the preview/);
    expect((await listProfiles(context, 'bash')).active).toEqual(['a']);
  });
});
