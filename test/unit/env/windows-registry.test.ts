import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../src-main/tools/env/change-rules.ts';
import type { EnvContext } from '../../../src-main/tools/env/env-context.ts';
import { listEnvironment, whereSet } from '../../../src-main/tools/env/env-service.ts';
import { applyChange, planChange, undoChange } from '../../../src-main/tools/env/permanent-change.ts';
import { regFile } from '../../../src-main/tools/env/reg-file.ts';
import { asciiJson } from '../../../src-main/tools/env/windows-registry.ts';
import type { RegistryKey } from '../../../src-main/tools/env/windows-registry.ts';
import { setForGood } from '../../support/env-home.ts';
import { MemoryRegistry } from '../../support/memory-registry.ts';

const WINDOWS_USER: RegistryKey = {
  Path: { value: '%USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps;', kind: 'ExpandString' },
  TEMP: { value: '%USERPROFILE%\\AppData\\Local\\Temp', kind: 'ExpandString' },
  OneDrive: { value: 'C:\\Users\\ada\\OneDrive', kind: 'String' },
  Counter: { value: '7', kind: 'DWord' },
};
const WINDOWS_MACHINE: RegistryKey = {
  Path: { value: '%SystemRoot%\\system32;%SystemRoot%', kind: 'ExpandString' },
  OS: { value: 'Windows_NT', kind: 'String' },
};

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function windowsContext(user = WINDOWS_USER) {
  const root = await mkdtemp(join(tmpdir(), 'suite-env-windows-'));
  roots.push(root);
  const registry = new MemoryRegistry(user, WINDOWS_MACHINE);
  const context: EnvContext = {
    home: root,
    shellPath: '',
    platform: 'win32',
    env: { Path: 'C:\\Windows\\system32', USERPROFILE: root },
    stateDir: join(root, 'state'),
    registry,
  };
  return { context, registry };
}

describe('Env Settings on Windows writes HKCU\\Environment', () => {
  it('previews a new variable as a diff of the key, writes it, checks it, backs the key up and undoes it', async () => {
    const { context, registry } = await windowsContext();
    const change: Change = {
      name: 'SUITE_WIN',
      value: 'C:\\Program Files\\Tool "x"',
      action: 'set',
      reveal: false,
      disabled: [],
    };
    const plan = await planChange(context, change);
    expect(plan.file).toBe('HKCU\\Environment');
    expect(plan.shell).toBe('windows');
    expect(plan.diff).toContain('+    SUITE_WIN    REG_SZ    C:\\Program Files\\Tool "x"');
    expect(plan.diff).toMatch(/^--- HKCU\\Environment\tbefore\n\+\+\+ HKCU\\Environment\tafter\n/);
    expect(registry.writes).toBe(0);

    const result = await applyChange(context, { planId: plan.planId, confirmed: false, reveal: false });
    expect(registry.user.SUITE_WIN).toEqual({ value: 'C:\\Program Files\\Tool "x"', kind: 'String' });
    expect(result.verification).toMatchObject({ tookEffect: true, seen: 'C:\\Program Files\\Tool "x"' });
    expect(result.undoId).toMatch(/^registry-/);
    const backup = await readFile(result.backup!);
    expect(backup.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(backup.toString('utf16le')).toContain('"OneDrive"="C:\\\\Users\\\\ada\\\\OneDrive"');
    expect(backup.toString('utf16le')).not.toContain('SUITE_WIN');

    const undone = await undoChange(context, result.undoId);
    expect(undone.message).toContain('was not in HKCU\\Environment before the change and was removed');
    expect(registry.user).toEqual(WINDOWS_USER);
    await expect(undoChange(context, result.undoId)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('adds a PATH entry to the user Path under its own spelling, keeps REG_EXPAND_SZ, and removes exactly it', async () => {
    const { context, registry } = await windowsContext();
    const result = await setForGood(context, { name: 'PATH', value: 'C:\\Tools', action: 'prepend' });
    expect(result.verification.tookEffect).toBe(true);
    expect(registry.user.Path).toEqual({
      value: 'C:\\Tools;%USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps;',
      kind: 'ExpandString',
    });
    expect(registry.user.PATH).toBeUndefined();
    await setForGood(context, { name: 'PATH', value: '%USERPROFILE%\\bin', action: 'append' });
    expect(registry.user.Path!.value).toBe(
      'C:\\Tools;%USERPROFILE%\\AppData\\Local\\Microsoft\\WindowsApps;;%USERPROFILE%\\bin',
    );

    // The same folder again, in other letter case, is already there.
    const again = await planChange(context, { name: 'Path', value: 'c:\\tools', action: 'append' });
    expect(again.unchanged).toBe(true);

    await setForGood(context, { name: 'PATH', value: '', action: 'remove' });
    expect(registry.user).toEqual(WINDOWS_USER);
  });

  it('a new Path is REG_EXPAND_SZ, a value naming %VARIABLES% becomes REG_EXPAND_SZ, plain text stays REG_SZ', async () => {
    const { context, registry } = await windowsContext({});
    await setForGood(context, { name: 'Path', value: 'C:\\Tools', action: 'append' });
    expect(registry.user.Path).toEqual({ value: 'C:\\Tools', kind: 'ExpandString' });
    await setForGood(context, { name: 'CACHE', value: '%LOCALAPPDATA%\\cache', action: 'set' });
    expect(registry.user.CACHE!.kind).toBe('ExpandString');
    await setForGood(context, { name: 'PLAIN', value: '100% sure', action: 'set' });
    expect(registry.user.PLAIN!.kind).toBe('String');
    await setForGood(context, { name: 'Path', value: '', action: 'remove' });
    expect(registry.user.Path).toBeUndefined();
  });

  it('remove after a set gives back the value that was there before, with its type', async () => {
    const { context, registry } = await windowsContext();
    await setForGood(context, { name: 'TEMP', value: 'D:\\scratch', action: 'set' });
    expect(registry.user.TEMP).toEqual({ value: 'D:\\scratch', kind: 'ExpandString' });
    await setForGood(context, { name: 'TEMP', value: 'E:\\scratch', action: 'set' });
    await setForGood(context, { name: 'temp', value: '', action: 'remove' });
    expect(registry.user).toEqual(WINDOWS_USER);
  });

  it('refuses what it cannot do, each with a sentence, and writes nothing', async () => {
    const { context, registry } = await windowsContext();
    await expect(
      planChange(context, { name: 'OneDrive', value: '', action: 'remove' }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('has not set OneDrive in HKCU\\Environment'),
    });
    await expect(planChange(context, { name: 'Counter', value: '8', action: 'set' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('is a REG_DWORD value'),
    });
    await expect(
      planChange(context, { name: 'Path', value: 'C:\\a;C:\\b', action: 'append' }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('";" separates entries'),
    });
    expect(registry.writes).toBe(0);
  });

  it('does not overwrite a key changed after the preview, nor undo a value changed after the write', async () => {
    const { context, registry } = await windowsContext();
    const change: Change = { name: 'SUITE_RACE', value: 'mine', action: 'set', reveal: false, disabled: [] };
    const plan = await planChange(context, change);
    registry.user.OneDrive = { value: 'D:\\OneDrive', kind: 'String' };
    await expect(
      applyChange(context, { planId: plan.planId, confirmed: false, reveal: false }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('changed since the preview'),
    });
    expect(registry.user.SUITE_RACE).toBeUndefined();

    const written = await setForGood(context, change);
    registry.user.SUITE_RACE = { value: 'edited in System Properties', kind: 'String' };
    await expect(undoChange(context, written.undoId)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(written.backup!),
    });
    expect(registry.user.SUITE_RACE.value).toBe('edited in System Properties');
  });

  it('many set, prepend and remove cycles leave every other value exactly as it was', async () => {
    const { context, registry } = await windowsContext();
    for (let round = 0; round < 50; round++) {
      await setForGood(context, { name: `SUITE_${round % 3}`, value: `v${round} ü "q" %x`, action: 'set' });
      await setForGood(context, {
        name: 'Path',
        value: `C:\\Round${round}`,
        action: round % 2 ? 'append' : 'prepend',
      });
      await setForGood(context, { name: 'Path', value: '', action: 'remove' });
      await setForGood(context, { name: `SUITE_${round % 3}`, value: '', action: 'remove' });
    }
    expect(registry.user).toEqual(WINDOWS_USER);
    expect((await readdir(join(context.stateDir, 'backups'))).length).toBe(200);
  });

  it('applies only a preview id; parallel writes each land or get CONFLICT, and every undo id works', async () => {
    const { context, registry } = await windowsContext();
    const plans = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((index) =>
        planChange(context, { name: `SUITE_PAR_${index}`, value: `v${index}`, action: 'set' }),
      ),
    );
    const outcomes = await Promise.allSettled(
      plans.map((plan) => applyChange(context, { planId: plan.planId, confirmed: false, reveal: false })),
    );
    const landed = outcomes.flatMap((outcome, index) => {
      if (outcome.status === 'rejected') {
        expect((outcome.reason as { code: string }).code).toBe('CONFLICT');
        expect(registry.user[`SUITE_PAR_${index}`]).toBeUndefined();
        return [];
      }
      expect(registry.user[`SUITE_PAR_${index}`]).toEqual({ value: `v${index}`, kind: 'String' });
      return [outcome.value.undoId];
    });
    expect(landed.length).toBeGreaterThan(0);
    for (const undoId of landed.reverse()) await undoChange(context, undoId);
    expect(registry.user).toEqual(WINDOWS_USER);
  });

  it('says where a variable is set: the machine key, then the user key, marking its own value', async () => {
    const { context } = await windowsContext();
    await setForGood(context, { name: 'Path', value: 'C:\\Tools', action: 'append' });
    const where = await whereSet(context, 'PATH');
    expect(where.files.map((file) => file.path)).toEqual([
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment',
      'HKCU\\Environment',
    ]);
    expect(where.assignments).toEqual([
      expect.objectContaining({ file: where.files[0]!.path, line: null, managed: false }),
      expect.objectContaining({ file: 'HKCU\\Environment', line: null, managed: true }),
    ]);
    expect(where.assignments[1]!.text).toContain('C:\\Tools');
  });

  it('lists the environment a program started now gets: machine then user variables, expanded, Path joined', async () => {
    const { context, registry } = await windowsContext();
    await setForGood(context, { name: 'SUITE_NEW', value: '%TEMP%\\suite', action: 'set' });
    registry.machine.TEMP = { value: '%SystemRoot%\\TEMP', kind: 'ExpandString' };
    const view = await listEnvironment(context);
    expect(view.source).toBe('registry');
    expect(view.pathDelimiter).toBe(';');
    const value = (name: string) => view.variables.find((variable) => variable.name === name)?.value;
    const profile = context.env.USERPROFILE!;
    expect(value('Path')).toBe(
      `%SystemRoot%\\system32;%SystemRoot%;${profile}\\AppData\\Local\\Microsoft\\WindowsApps;`,
    );
    expect(view.variables.filter((variable) => variable.name.toUpperCase() === 'PATH')).toHaveLength(1);
    expect(value('TEMP')).toBe(`${profile}\\AppData\\Local\\Temp`);
    expect(value('SUITE_NEW')).toBe(`${profile}\\AppData\\Local\\Temp\\suite`);
    expect(value('OS')).toBe('Windows_NT');
    expect(value('Counter')).toBeUndefined();
    expect(view.variables.find((variable) => variable.name === 'Path')?.entries).toHaveLength(4);
  });

  it('shows its own environment, and why, when the registry cannot be read', async () => {
    const { context, registry } = await windowsContext();
    registry.read = () => Promise.reject(new Error('Windows PowerShell did not answer within 30 s.'));
    const view = await listEnvironment(context);
    expect(view.source).toBe('process');
    expect(view.fallbackReason).toBe('Windows PowerShell did not answer within 30 s.');
    expect(view.variables.map((variable) => variable.name)).toEqual(['Path', 'USERPROFILE']);
  });

  it('elsewhere, choosing the Windows registry says it exists only on Windows', async () => {
    const { context } = await windowsContext();
    const linux: EnvContext = { ...context, platform: 'linux', registry: undefined };
    await expect(
      planChange(linux, { name: 'X', value: '1', action: 'set', shell: 'windows' }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('only on Windows'),
    });
  });
});

describe('what crosses to Windows PowerShell and back', () => {
  it('requests are pure ASCII JSON that reads back to the same values', () => {
    const request = {
      op: 'write',
      name: 'Ünïcode_NAME',
      value: { value: 'naïve 東京 🙂 "q" \\ \n', kind: 'String' },
    };
    const text = asciiJson(request);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(text)).toEqual(request);
  });

  it('the backup is a regedit file: quoted REG_SZ, hex(2) REG_EXPAND_SZ, hex(1) for line breaks', () => {
    const file = regFile({
      B: { value: '%A%', kind: 'ExpandString' },
      A: { value: 'C:\\x "y"', kind: 'String' },
      C: { value: 'two\nlines', kind: 'String' },
      D: { value: '1', kind: 'DWord' },
    });
    expect(file.toString('utf16le')).toBe(
      [
        '\uFEFFWindows Registry Editor Version 5.00',
        '',
        '[HKEY_CURRENT_USER\\Environment]',
        '"A"="C:\\\\x \\"y\\""',
        '"B"=hex(2):25,00,41,00,25,00,00,00',
        '"C"=hex(1):74,00,77,00,6f,00,0a,00,6c,00,69,00,6e,00,65,00,73,00,00,00',
        '; D (DWord) is not a text value and is not part of this backup.',
        '',
      ].join('\r\n'),
    );
  });
});
