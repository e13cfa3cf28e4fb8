import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/core/dispatch.ts';
import { savesLanded } from '../../src-main/core/json-store.ts';
import { settingsService, userDataDirectory } from '../../src-main/tools/app/settings.ts';
import { createHandlers } from '../../src-main/tools/handlers.ts';
import { tempDir } from '../support/temp.ts';

const context = { signal: new AbortController().signal, progress: () => undefined };

describe('settings', () => {
  it('live where Electron keeps the app’s data, per platform', () => {
    expect(userDataDirectory({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.config/DevUtil Suite');
    expect(userDataDirectory({ HOME: '/home/a', XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(
      '/cfg/DevUtil Suite',
    );
    expect(userDataDirectory({ HOME: '/Users/a' }, 'darwin')).toBe(
      '/Users/a/Library/Application Support/DevUtil Suite',
    );
  });

  it('updates sent at once all land, and the file ends with the last state, not an older one', async () => {
    const dir = await tempDir('settings-race');
    const service = settingsService(dir);
    // As the page does: each change is sent as soon as it is made, without waiting for the last.
    const zones = Array.from({ length: 30 }, (_, index) => `Etc/GMT+${index % 12}`);
    await Promise.all([
      service.update({ lastTool: 'zone' }),
      ...zones.map((_, index) => service.update({ favouriteZones: zones.slice(0, index + 1) })),
    ]);
    const written = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(written).toMatchObject({ lastTool: 'zone', favouriteZones: zones });
  });

  it('quitting can wait until every save started has landed', async () => {
    const dir = await tempDir('settings-quit');
    const service = settingsService(dir);
    await service.get();
    void service.update({ favouriteZones: ['Pacific/Apia'] });
    // The update has handed its save to the store, which has yet to write anything.
    await new Promise(setImmediate);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
    await savesLanded();
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).favouriteZones).toEqual([
      'Pacific/Apia',
    ]);
  });

  it('start from defaults, and survive a new service on the same folder', async () => {
    const dir = await tempDir('settings');
    const first = settingsService(dir);
    expect((await first.get()).settings).toMatchObject({
      lastTool: 'compare',
      algorithms: ['md5', 'sha1', 'sha256'],
    });
    await first.update({ lastTool: 'zone', algorithms: ['sha512'], favouriteZones: ['Asia/Kathmandu'] });
    const second = settingsService(dir);
    expect(await second.get()).toEqual({
      settings: {
        lastTool: 'zone',
        recentFiles: [],
        favouriteZones: ['Asia/Kathmandu'],
        algorithms: ['sha512'],
      },
      notice: null,
    });
  });

  it('set a corrupt file aside, keep its bytes, and say so once', async () => {
    const dir = await tempDir('settings-corrupt');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'settings.json'), '{"lastTool": "zo');
    const service = settingsService(dir);
    const first = await service.get();
    expect(first.settings.lastTool).toBe('compare');
    expect(first.notice).toMatch(
      /^Your settings could not be used \(it is not valid JSON\) and were reset; the old file is kept at .*settings\.json\.corrupt-/,
    );
    expect((await service.get()).notice).toBeNull();
    const aside = (await readdir(dir)).find((name) => name.startsWith('settings.json.corrupt-'))!;
    expect(await readFile(join(dir, aside), 'utf8')).toBe('{"lastTool": "zo');
  });

  it('change only what an update names, through the dispatcher', async () => {
    const handlers = createHandlers('browser', { dataDirectory: await tempDir('settings-partial') });
    await dispatch(handlers, 'settings.update', { algorithms: ['sha512'] }, context);
    await dispatch(handlers, 'settings.update', { lastTool: 'zone' }, context);
    const outcome = await dispatch(handlers, 'settings.get', {}, context);
    expect(outcome).toMatchObject({
      ok: true,
      value: { settings: { lastTool: 'zone', algorithms: ['sha512'] } },
    });
  });

  it('refuse invalid values at the boundary', async () => {
    const handlers = createHandlers('browser', { dataDirectory: await tempDir('settings-bad') });
    const outcome = await dispatch(handlers, 'settings.update', { lastTool: 'nowhere' }, context);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
