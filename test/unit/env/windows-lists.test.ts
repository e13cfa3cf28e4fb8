import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnvContext } from '../../../src-main/tools/env/env-context.ts';
import { inspectPathEntries } from '../../../src-main/tools/env/path-inspect.ts';
import { planChange, planProfileToggle } from '../../../src-main/tools/env/permanent-change.ts';
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

  it('says in a sentence that profiles are not written to the registry yet', async () => {
    const { context, registry } = await windowsContext();
    await setProfileVariable(context, 'tools', { name: 'Path', action: 'prepend', value: 'C:\\Bin' });
    await expect(planProfileToggle(context, { profile: 'tools', enable: true })).rejects.toThrow(
      /not yet to the Windows registry/,
    );
    expect(registry.writes).toBe(0);
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
