import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { FolderCompareResult, FolderEntry } from '../../src-main/contract/compare.ts';
import FoldersPanel from '../../src-renderer/tools/compare/FoldersPanel.svelte';
import { bridge } from './support/bridge.ts';
import { expectVerdict } from './support/verdicts.ts';

const entry = (
  relative: string,
  status: FolderEntry['status'],
  kindA: string | null,
  kindB: string | null,
) => ({
  relative,
  status,
  kindA,
  kindB,
  detail: null,
});

/** One entry of every status, as compare.folders returns them. */
const everyStatus: FolderCompareResult = {
  dirA: '/a',
  dirB: '/b',
  entries: [
    entry('added.txt', 'added', null, 'file'),
    entry('changed.txt', 'changed', 'file', 'file'),
    entry('locked', 'error', 'unreadable', 'file'),
    entry('pipe', 'skipped', 'FIFO', 'FIFO'),
    entry('removed.txt', 'removed', 'file', null),
    entry('same.txt', 'identical', 'file', 'file'),
    entry('was-file', 'type-changed', 'file', 'folder'),
  ],
  counts: { identical: 1, changed: 1, added: 1, removed: 1, 'type-changed': 1, skipped: 1, error: 1 },
  verdict: 'incomplete',
  summary: 'The folders could not be compared completely.',
};

describe('Compare two folders', () => {
  test('each entry shows its own verdict word and tone', async () => {
    bridge.answer('compare.folders', () => everyStatus);
    await render(FoldersPanel);
    await userEvent.fill(page.getByRole('textbox', { name: 'Folder 1' }), '/a');
    await userEvent.fill(page.getByRole('textbox', { name: 'Folder 2' }), '/b');
    await userEvent.click(page.getByRole('button', { name: 'Compare folders' }));
    await userEvent.click(page.getByRole('checkbox', { name: 'Show identical entries' }));
    const result = (path: string) =>
      page
        .getByRole('row', { name: new RegExp(`^${path}`) })
        .getByRole('cell')
        .nth(1);
    await expectVerdict(page.getByRole('status'), 'incomplete', 'bad');
    await expectVerdict(result('added.txt'), 'added', 'bad');
    await expectVerdict(result('removed.txt'), 'removed', 'bad');
    await expectVerdict(result('changed.txt'), 'changed', 'bad');
    await expectVerdict(result('was-file'), 'type-changed', 'bad');
    await expectVerdict(result('pipe'), 'skipped', 'unknown');
    await expectVerdict(result('locked'), 'unreadable', 'bad');
    await expectVerdict(result('same.txt'), 'identical', 'good');
  });
});

test('a name that is not UTF-8 is shown with \\xNN, so two such names can be told apart', async () => {
  bridge.answer('compare.folders', () => ({
    ...everyStatus,
    entries: [entry('lat\udce9', 'added', null, 'file'), entry('lat\udcff', 'removed', 'file', null)],
  }));
  await render(FoldersPanel);
  await userEvent.fill(page.getByRole('textbox', { name: 'Folder 1' }), '/a');
  await userEvent.fill(page.getByRole('textbox', { name: 'Folder 2' }), '/b');
  await userEvent.click(page.getByRole('button', { name: 'Compare folders' }));
  await expect.element(page.getByRole('cell', { name: 'lat\\xe9' })).toBeVisible();
  await expect.element(page.getByRole('cell', { name: 'lat\\xff' })).toBeVisible();
});
