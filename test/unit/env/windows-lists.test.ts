import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnvContext } from '../../../src-main/tools/env/env-context.ts';
import { inspectPathEntries } from '../../../src-main/tools/env/path-inspect.ts';
import {
  applyChange,
  planChange,
  planProfileToggle,
  undoChange,
} from '../../../src-main/tools/env/permanent-change.ts';
import { listProfiles } from '../../../src-main/tools/env/profile-service.ts';
import { setProfileVariable } from '../../../src-main/tools/env/profile-store.ts';
import { MemoryRegistry } from '../../support/memory-registry.ts';
import { tempDir } from '../../support/temp.ts';

async function windowsContext() {
  const root = await tempDir('env-windows-lists');
  const registry = new MemoryRegistry(
    { Path: { value: 'C:\\Tools;C:\\Old', kind: 'ExpandString' } },
    { Path: { value: '%SystemRoot%\\system32', kind: 'ExpandString' } },
  );
  const context: EnvContext = {
    home: root,
    shellPath: '',
    platform: 'win32',
    env: { Path: 'C:\\Windows\\system32', USERPROFILE: root },
    stateDir: join(root, 'state'),
    registry,
  };
  return { root, context, registry };
}

describe('lists and profiles on Windows (HKCU\\Environment in memory)', () => {
  it('refuses to keep a turned-off entry the registry has no place for, before touching the key', async () => {
    const { context, registry } = await windowsContext();
    await expect(
      planChange(context, { name: 'Path', value: 'C:\\Tools', action: 'set', disabled: ['C:\\Old'] }),
    ).rejects.toThrow(/cannot keep entries turned off \(C:\\Old\)/);
    expect(registry.writes).toBe(0);
  });

  it('profiles enable and disable as one change of the key each, in order, conflicts shown, Undo exact', async () => {
    const { context, registry } = await windowsContext();
    const original = structuredClone(registry.user);
    await setProfileVariable(context, 'tools', { name: 'Path', action: 'prepend', value: 'C:\\Bin' });
    await setProfileVariable(context, 'tools', { name: 'JAVA_HOME', action: 'set', value: 'C:\\jdk21' });
    await setProfileVariable(context, 'jdk17', { name: 'JAVA_HOME', action: 'set', value: 'C:\\jdk17' });
    await setProfileVariable(context, 'jdk17', { name: 'PATH', action: 'remove', value: 'c:\\old' });
    const toggle = async (profile: string, enable: boolean) => {
      const plan = await planProfileToggle(context, { profile, enable, shell: 'windows' });
      const result = await applyChange(context, { planId: plan.planId, confirmed: false, reveal: false });
      return { plan, result };
    };

    const tools = await toggle('tools', true);
    expect(tools.plan.diff).toContain('+    JAVA_HOME    REG_SZ    C:\\jdk21');
    expect(tools.plan.diff).toContain('+    Path    REG_EXPAND_SZ    C:\\Bin;C:\\Tools;C:\\Old');
    expect(tools.result.verification.tookEffect).toBe(true);
    expect(registry.user.Path).toEqual({ value: 'C:\\Bin;C:\\Tools;C:\\Old', kind: 'ExpandString' });
    expect(registry.user.JAVA_HOME).toEqual({ value: 'C:\\jdk21', kind: 'String' });
    const afterTools = structuredClone(registry.user);

    const jdk17 = await toggle('jdk17', true);
    expect(jdk17.plan.warnings.map((warning) => warning.kind)).toEqual(['conflict']);
    expect(registry.user.JAVA_HOME!.value).toBe('C:\\jdk17');
    expect(registry.user.Path!.value).toBe('C:\\Bin;C:\\Tools');
    expect((await listProfiles(context, 'windows')).active).toEqual(['tools', 'jdk17']);
    const afterBoth = structuredClone(registry.user);

    const toolsOff = await toggle('tools', false);
    expect(registry.user.Path!.value).toBe('C:\\Tools');
    expect(registry.user.JAVA_HOME!.value).toBe('C:\\jdk17');
    const afterToolsOff = structuredClone(registry.user);
    const last = await toggle('jdk17', false);
    expect(registry.user).toEqual(original);
    expect((await listProfiles(context, 'windows')).active).toEqual([]);

    // Undo, newest first, gives back each state exactly, profiles' order included.
    await undoChange(context, last.result.undoId);
    expect(registry.user).toEqual(afterToolsOff);
    await undoChange(context, toolsOff.result.undoId);
    expect(registry.user).toEqual(afterBoth);
    expect((await listProfiles(context, 'windows')).active).toEqual(['tools', 'jdk17']);
    await undoChange(context, jdk17.result.undoId);
    expect(registry.user).toEqual(afterTools);
    await undoChange(context, tools.result.undoId);
    expect(registry.user).toEqual(original);

    // A value changed by hand after a write is not overwritten by its Undo.
    const again = await toggle('tools', true);
    registry.user.Path = { value: 'C:\\Mine', kind: 'ExpandString' };
    const writes = registry.writes;
    await expect(undoChange(context, again.result.undoId)).rejects.toThrow(
      /^Path in HKCU\\Environment changed after/,
    );
    expect(registry.writes).toBe(writes);
  });

  it('finds commands by PATHEXT and folders case-insensitively, as Windows does', async () => {
    const root = await tempDir('env-windows-pathext');
    const first = join(root, 'First');
    const second = join(root, 'second');
    await mkdir(first);
    await mkdir(second);
    await writeFile(join(first, 'python.exe'), '');
    await writeFile(join(first, 'notes.txt'), '');
    await writeFile(join(second, 'PYTHON.CMD'), '');
    await writeFile(join(second, 'notes.exe'), '');
    const result = await inspectPathEntries([first, second, first.toUpperCase()], 'win32', {
      PATHEXT: '.COM;.EXE;.BAT;.CMD',
    });
    expect(result[0]!.shadows).toEqual([{ command: 'python', hiddenIn: second }]);
    expect(result[1]!.shadows).toEqual([]);
    expect(result[2]!.duplicateOf).toBe(0);
  });
});
