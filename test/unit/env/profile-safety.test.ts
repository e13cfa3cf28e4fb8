import { chmod, lstat, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChange, planChange, undoChange } from '../../../src-main/tools/env/permanent-change.ts';
import { setForGood, sourceAndRead, testHome } from '../../support/env-home.ts';

const USER_PROFILE = '# my own settings\nexport EDITOR=vim\nalias ll="ls -l"\n';

async function bashHomeWithProfile(content: string | Buffer, base?: string) {
  const { home, context } = await testHome('bash', base);
  const profile = join(home, '.profile');
  await writeFile(profile, content);
  return { home, context, profile };
}

describe("the user's profile outside the block stays byte for byte", () => {
  it('keeps the content before the block, and set then unset gives the original file back', async () => {
    const { context, profile } = await bashHomeWithProfile(USER_PROFILE);
    const result = await setForGood(context, { name: 'SUITE_A', value: 'one', action: 'set', shell: 'bash' });
    expect(result.verification.tookEffect).toBe(true);
    const written = await readFile(profile, 'utf8');
    expect(written.startsWith(USER_PROFILE)).toBe(true);
    await setForGood(context, { name: 'SUITE_A', value: '', action: 'remove', shell: 'bash' });
    expect(await readFile(profile, 'utf8')).toBe(USER_PROFILE);
  });

  it('handles CRLF line endings: the block is LF so values stay exact, and the rest is untouched', async () => {
    const crlf = Buffer.from('# saved on Windows\r\nexport FROM_WINDOWS=1\r\n');
    const { context, profile } = await bashHomeWithProfile(crlf);
    await setForGood(context, { name: 'SUITE_CRLF', value: 'exact value', action: 'set', shell: 'bash' });
    expect(sourceAndRead('bash', profile, 'SUITE_CRLF')).toBe('exact value');
    expect((await readFile(profile)).subarray(0, crlf.length).equals(crlf)).toBe(true);
    await setForGood(context, { name: 'SUITE_CRLF', value: '', action: 'remove', shell: 'bash' });
    expect((await readFile(profile)).equals(crlf)).toBe(true);
  });

  it('handles a last line without a line break, and takes its own line break back', async () => {
    const noFinalNewline = '# no newline at the end\nexport LAST=1';
    const { context, profile } = await bashHomeWithProfile(noFinalNewline);
    await setForGood(context, { name: 'SUITE_NL', value: 'v', action: 'set', shell: 'bash' });
    expect(sourceAndRead('bash', profile, 'LAST')).toBe('1');
    expect(sourceAndRead('bash', profile, 'SUITE_NL')).toBe('v');
    await setForGood(context, { name: 'SUITE_NL', value: '', action: 'remove', shell: 'bash' });
    expect(await readFile(profile, 'utf8')).toBe(noFinalNewline);
  });

  it('edits a symlinked profile at its target and leaves the link a link', async () => {
    const { home, context } = await testHome('bash');
    await mkdir(join(home, 'dotfiles'));
    const real = join(home, 'dotfiles', 'profile');
    await writeFile(real, USER_PROFILE);
    await symlink(real, join(home, '.profile'));
    const result = await setForGood(context, {
      name: 'SUITE_LINKED',
      value: 'yes',
      action: 'set',
      shell: 'bash',
    });
    expect(result.plan.target).toBe(real);
    expect((await lstat(join(home, '.profile'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(home, '.profile'))).toBe(real);
    expect(sourceAndRead('bash', join(home, '.profile'), 'SUITE_LINKED')).toBe('yes');
  });

  it('refuses a symbolic link to nothing', async () => {
    const { home, context } = await testHome('bash');
    await symlink(join(home, 'missing-target'), join(home, '.profile'));
    await expect(
      planChange(context, { name: 'X', value: '1', action: 'set', shell: 'bash', reveal: false }),
    ).rejects.toThrow('is a symbolic link to a file that does not exist');
  });

  it('refuses a read-only profile with a clear message and leaves it unchanged', async () => {
    const { context, profile } = await bashHomeWithProfile(USER_PROFILE);
    await chmod(profile, 0o444);
    const plan = await planChange(context, {
      name: 'SUITE_RO',
      value: 'x',
      action: 'set',
      shell: 'bash',
      reveal: false,
    });
    await expect(
      applyChange(context, { planId: plan.planId, confirmed: false, reveal: false }),
    ).rejects.toThrow(`${profile} is read-only (mode 0444); make it writable first. Nothing was changed.`);
    expect(await readFile(profile, 'utf8')).toBe(USER_PROFILE);
    expect((await stat(profile)).mode & 0o777).toBe(0o444);
  });

  it('keeps the mode of the profile it rewrites', async () => {
    const { context, profile } = await bashHomeWithProfile(USER_PROFILE);
    await chmod(profile, 0o600);
    await setForGood(context, { name: 'SUITE_MODE', value: 'x', action: 'set', shell: 'bash' });
    expect((await stat(profile)).mode & 0o777).toBe(0o600);
  });
});

describe('changes behind the app’s back', () => {
  it('refuses to overwrite a profile that changed since the preview', async () => {
    const { context, profile } = await bashHomeWithProfile(USER_PROFILE);
    const change = {
      name: 'SUITE_RACE',
      value: 'x',
      action: 'set' as const,
      shell: 'bash' as const,
      reveal: false,
    };
    const plan = await planChange(context, change);
    await writeFile(profile, `${USER_PROFILE}export ADDED_ELSEWHERE=1\n`);
    await expect(
      applyChange(context, { planId: plan.planId, confirmed: false, reveal: false }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `${profile} changed since the preview was made, so it was not overwritten. Look at the new preview and apply again.`,
    });
    expect(await readFile(profile, 'utf8')).toBe(`${USER_PROFILE}export ADDED_ELSEWHERE=1\n`);
  });

  it('refuses to rewrite a block that was edited by hand', async () => {
    const { context, profile } = await bashHomeWithProfile(USER_PROFILE);
    await setForGood(context, { name: 'SUITE_HAND', value: 'x', action: 'set', shell: 'bash' });
    const edited = (await readFile(profile, 'utf8')).replace("SUITE_HAND='x'", "SUITE_HAND='y'");
    await writeFile(profile, edited);
    await expect(
      planChange(context, { name: 'SUITE_OTHER', value: '1', action: 'set', shell: 'bash', reveal: false }),
    ).rejects.toThrow('was edited by hand');
    expect(await readFile(profile, 'utf8')).toBe(edited);
  });

  it('undo restores the backup, and refuses once the file changed after the write', async () => {
    const { context, profile } = await bashHomeWithProfile(USER_PROFILE);
    const first = await setForGood(context, { name: 'SUITE_UNDO', value: '1', action: 'set', shell: 'bash' });
    expect(first.backup).not.toBeNull();
    expect(await readFile(first.backup!, 'utf8')).toBe(USER_PROFILE);
    const undone = await undoChange(context, first.undoId);
    expect(undone.message).toBe(`${profile} is back as it was before the change.`);
    expect(await readFile(profile, 'utf8')).toBe(USER_PROFILE);
    await expect(undoChange(context, first.undoId)).rejects.toThrow('already undone');

    const second = await setForGood(context, {
      name: 'SUITE_UNDO',
      value: '2',
      action: 'set',
      shell: 'bash',
    });
    await writeFile(profile, `${await readFile(profile, 'utf8')}# later edit\n`);
    await expect(undoChange(context, second.undoId)).rejects.toThrow(
      'changed after DevUtil Suite wrote it, so it was not undone',
    );
  });
});

describe('a thousand set and unset cycles', () => {
  it('leave everything outside the block byte-identical', async () => {
    const original = Buffer.from('# user file\r\nexport KEEP=1\r\n\r\n# trailing text without newline ✓');
    // On tmpfs where there is one: the same code, without waiting thousands of times for the disk's fsync.
    const { context, profile } = await bashHomeWithProfile(
      original,
      existsSync('/dev/shm') ? '/dev/shm' : undefined,
    );
    const actions = ['set', 'prepend', 'append'] as const;
    for (let cycle = 0; cycle < 1000; cycle++) {
      const name = `SUITE_CYCLE_${cycle % 7}`;
      const action = actions[cycle % 3]!;
      const value = action === 'set' ? `value ${cycle} 'q' "$x" \\ \n end` : `/opt/cycle ${cycle}`;
      await setForGood(context, { name, value, action, shell: 'bash' }, { verify: false });
      const written = await readFile(profile);
      expect(written.subarray(0, original.length).equals(original)).toBe(true);
      await setForGood(context, { name, value: '', action: 'remove', shell: 'bash' }, { verify: false });
      if (!(await readFile(profile)).equals(original))
        throw new Error(`cycle ${cycle} left the file changed`);
    }
    expect((await readFile(profile)).equals(original)).toBe(true);
  }, 120_000);
});
