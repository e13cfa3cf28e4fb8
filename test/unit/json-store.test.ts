import { mkdtemp, readFile, readdir, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeFileAtomic } from '../../src-main/core/atomic-write.ts';
import { JsonStore } from '../../src-main/core/json-store.ts';

const schema = z.object({ width: z.number().int().min(1), tool: z.string() });
let dir: string;
let store: JsonStore<typeof schema>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suite-store-'));
  store = new JsonStore(join(dir, 'settings.json'), schema, { width: 800, tool: 'compare' });
});

describe('JsonStore', () => {
  it('gives the defaults when there is no file', async () => {
    expect(await store.load()).toEqual({ value: { width: 800, tool: 'compare' } });
  });

  it('reads back what it saved', async () => {
    await store.save({ width: 1234, tool: 'zone' });
    expect((await store.load()).value).toEqual({ width: 1234, tool: 'zone' });
  });

  it('sets a corrupt file aside, keeps its bytes, and starts from the defaults', async () => {
    await writeFile(store.path, '{"width": 12, "tool": ');
    const result = await store.load();
    expect(result.value).toEqual(store.defaults);
    expect(result.setAside?.reason).toBe('it is not valid JSON');
    expect(await readFile(result.setAside!.path, 'utf8')).toBe('{"width": 12, "tool": ');
    expect(await readdir(dir)).not.toContain('settings.json');
  });

  it('sets aside a file whose content fails validation', async () => {
    await writeFile(store.path, '{"width": -5, "tool": "zone"}');
    const result = await store.load();
    expect(result.value).toEqual(store.defaults);
    expect(result.setAside?.reason).toBe('its content is not valid');
  });

  it('refuses to save an invalid value', async () => {
    await expect(store.save({ width: 0, tool: 'x' })).rejects.toThrow();
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode, and leaves no temporary file', async () => {
    const path = join(dir, 'profile');
    await writeFile(path, 'old');
    await chmod(path, 0o640);
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['profile']);
  });
});
