import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { opened } from '../../src-renderer/lib/opened.svelte.ts';
import CompareTool from '../../src-renderer/tools/compare/CompareTool.svelte';
import { bridge } from './support/bridge.ts';
import { savedSettings, verification } from './support/compare-fixtures.ts';

describe('Files opened from outside', () => {
  test('a pair opened before File Compare is shown fills its fields once it mounts', async () => {
    bridge.answer('settings.get', savedSettings);
    bridge.answer('app.takeOpened', { tool: 'compare', fileA: '/home/u/one.bin', fileB: '/home/u/two.bin' });
    await opened.fetch();
    await render(CompareTool);
    await expect.element(page.getByRole('combobox', { name: 'File 1' })).toHaveValue('/home/u/one.bin');
    await expect.element(page.getByRole('combobox', { name: 'File 2' })).toHaveValue('/home/u/two.bin');
    expect(opened.request).toBeNull();
  });

  test('a checksum file opened while File Compare is shown is verified once', async () => {
    bridge.answer('settings.get', savedSettings);
    bridge.answer('compare.verify', (input) => verification(input.sumsFile));
    await render(CompareTool);
    bridge.answer('app.takeOpened', { tool: 'verify', sumsFile: '/home/u/SHA256SUMS' });
    await opened.fetch();
    await expect
      .element(page.getByRole('textbox', { name: 'Checksum file' }))
      .toHaveValue('/home/u/SHA256SUMS');
    await expect.element(page.getByRole('region', { name: 'Verification result' })).toBeVisible();
    expect(bridge.callsTo('compare.verify').map((call) => call.input.sumsFile)).toEqual([
      '/home/u/SHA256SUMS',
    ]);
    expect(bridge.callsTo('compare.files')).toHaveLength(0);
  });
});
