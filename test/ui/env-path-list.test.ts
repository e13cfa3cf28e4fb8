import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { PathEntryInspection } from '../../src-main/contract/env.ts';
import PathListEditor from '../../src-renderer/tools/env/PathListEditor.svelte';
import { bridge } from './support/bridge.ts';

const ENTRIES = ['/home/me/bin', '/usr/local/bin', '/usr/bin', '/gone', '/usr/local/bin'];

/** What the main process would say about each entry: one missing, /home/me/bin hiding a python3. */
function inspection(input: { entries: string[] }): PathEntryInspection[] {
  return input.entries.map((value, index) => ({
    value,
    exists: value !== '/gone',
    isFolder: value !== '/gone',
    duplicateOf: input.entries.indexOf(value) === index ? null : input.entries.indexOf(value),
    shadows: value === '/home/me/bin' ? [{ command: 'python3', hiddenIn: '/usr/bin' }] : [],
  }));
}

function renderEditor() {
  const used: { value: string; disabled: string[] }[] = [];
  render(PathListEditor, {
    name: 'PATH',
    entries: ENTRIES.map((value) => ({ value, problem: null })),
    delimiter: ':',
    onUse: (value: string, disabled: string[]) => used.push({ value, disabled }),
  });
  return used;
}

const order = () =>
  [...document.querySelectorAll('ol[aria-label="PATH entries"] code')].map((code) => code.textContent);

describe('PATH list editor', () => {
  test('opening checks the entries once; each verdict wears its own word and tone', async () => {
    bridge.answer('env.pathEntries', inspection);
    renderEditor();
    await expect.element(page.getByText('missing')).toBeVisible();
    expect(bridge.callsTo('env.pathEntries').map((call) => call.input)).toEqual([{ entries: ENTRIES }]);
    const missing = page.getByText('missing', { exact: true }).element();
    expect(missing.getAttribute('data-verdict')).toBe('missing');
    expect(missing.getAttribute('data-tone')).toBe('bad');
    const duplicate = page.getByText('duplicate', { exact: true }).element();
    expect(duplicate.getAttribute('data-tone')).toBe('bad');
    expect(page.getByText('folder', { exact: true }).elements()[0]!.getAttribute('data-verdict')).toBe('ok');
    await expect.element(page.getByText('hides python3 in /usr/bin')).toBeVisible();
  });

  test('Alt+↓ and Alt+↑ on the handle reorder, keep focus on the moved entry, and call nothing', async () => {
    bridge.answer('env.pathEntries', inspection);
    const used = renderEditor();
    await expect.poll(() => bridge.callsTo('env.pathEntries')).toHaveLength(1);
    const handle = page.getByRole('button', { name: /^Reorder \/home\/me\/bin/ });
    await userEvent.click(handle);
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(order().slice(0, 2)).toEqual(['/usr/local/bin', '/home/me/bin']);
    await expect
      .element(page.getByRole('button', { name: /^Reorder \/home\/me\/bin, 2 of 5/ }))
      .toHaveFocus();
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await userEvent.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(order().slice(0, 3)).toEqual(['/usr/local/bin', '/home/me/bin', '/usr/bin']);
    // A plain arrow does not move anything.
    await userEvent.keyboard('{ArrowDown}');
    expect(order().slice(0, 2)).toEqual(['/usr/local/bin', '/home/me/bin']);
    expect(bridge.callsTo('env.pathEntries')).toHaveLength(1);

    await userEvent.click(page.getByRole('button', { name: 'Use this list…' }));
    expect(used).toEqual([
      { value: '/usr/local/bin:/home/me/bin:/usr/bin:/gone:/usr/local/bin', disabled: [] },
    ]);
  });

  test('Remove duplicates is one action; a turned-off entry is kept and handed over apart', async () => {
    bridge.answer('env.pathEntries', inspection);
    const used = renderEditor();
    await expect.poll(() => bridge.callsTo('env.pathEntries')).toHaveLength(1);
    await userEvent.click(page.getByRole('button', { name: 'Remove duplicates (1)' }));
    expect(order()).toEqual(['/home/me/bin', '/usr/local/bin', '/usr/bin', '/gone']);
    await expect.element(page.getByRole('button', { name: 'Remove duplicates' })).toBeDisabled();

    await userEvent.click(page.getByRole('button', { name: 'Turn off /gone' }));
    await expect
      .element(page.getByRole('button', { name: 'Turn on /gone' }))
      .toHaveAttribute('aria-pressed', 'true');
    expect(order()).toContain('/gone');
    await userEvent.click(page.getByRole('button', { name: 'Use this list…' }));
    expect(used).toEqual([{ value: '/home/me/bin:/usr/local/bin:/usr/bin', disabled: ['/gone'] }]);
    // Neither action asked the main process anything.
    expect(bridge.callsTo('env.pathEntries')).toHaveLength(1);
  });

  test('Add checks the new list once', async () => {
    bridge.answer('env.pathEntries', inspection);
    renderEditor();
    await expect.poll(() => bridge.callsTo('env.pathEntries')).toHaveLength(1);
    await userEvent.fill(page.getByRole('textbox', { name: 'Add entry' }), '/opt/new');
    expect(bridge.callsTo('env.pathEntries')).toHaveLength(1);
    await userEvent.click(page.getByRole('button', { name: 'Add', exact: true }));
    await expect.poll(() => bridge.callsTo('env.pathEntries')).toHaveLength(2);
    expect(bridge.callsTo('env.pathEntries')[1]!.input).toEqual({ entries: [...ENTRIES, '/opt/new'] });
  });
});
