import { describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { AppInfo, DirListing } from '../../src-main/contract/app.ts';
import AboutDialog from '../../src-renderer/components/AboutDialog.svelte';
import FilePicker from '../../src-renderer/components/FilePicker.svelte';
import ProgressList from '../../src-renderer/components/ProgressList.svelte';
import StatusBar from '../../src-renderer/components/StatusBar.svelte';
import { tools } from '../../src-renderer/lib/tools.ts';
import { bridge } from './support/bridge.ts';

const info: AppInfo = {
  name: 'DevUtil Suite',
  version: '0.1.0',
  face: 'browser',
  platform: 'linux',
  arch: 'x64',
  versions: { node: '24.21.0' },
};

function listing(path: string): DirListing {
  return {
    path,
    parent: path === '/' ? null : path.replace(/\/[^/]*$/, '') || '/',
    entries: [{ name: 'a.txt', path: `${path}/a.txt`, kind: 'file', size: 3 }],
  };
}

describe('Shared components', () => {
  test('progress says "n of N" in its unit when the job counts, and shows each task', async () => {
    const task = { label: 'a.iso', bytesDone: 1024, totalBytes: 4096, bytesPerSecond: 1024, secondsLeft: 3 };
    const counted = await render(ProgressList, {
      props: { progress: { tasks: [task], filesDone: 3, filesTotal: 10 }, unit: 'entries' },
    });
    await expect.element(page.getByText('3 of 10 entries')).toBeVisible();
    await expect.element(page.getByRole('progressbar', { name: 'a.iso progress' })).toBeVisible();
    counted.unmount();
    await render(ProgressList, { props: { progress: { tasks: [task] } } });
    await expect.element(page.getByRole('progressbar', { name: 'a.iso progress' })).toBeVisible();
    expect(document.body.textContent).not.toMatch(/ of \d+ (files|entries)/);
  });

  test('the status bar asks for the app info once', async () => {
    bridge.answer('app.info', info);
    await render(StatusBar);
    await expect.element(page.getByRole('status', { name: 'Connection' })).toMatchTextContent('Browser mode');
    expect(bridge.callsTo('app.info')).toHaveLength(1);
  });

  test("About opens as a modal dialog, asks once, lists each tool's shortcut, and Close closes it", async () => {
    bridge.answer('app.info', info);
    let closed = 0;
    await render(AboutDialog, { props: { onClose: () => closed++ } });
    const dialog = page.getByRole('dialog', { name: 'About DevUtil Suite' });
    await expect.element(dialog).toMatchTextContent('Version 0.1.0');
    expect(bridge.callsTo('app.info')).toHaveLength(1);
    for (const tool of tools)
      await expect
        .element(dialog.getByRole('listitem').filter({ hasText: tool.name }))
        .toMatchTextContent(`Ctrl+${tool.shortcut}`);
    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    await expect.poll(() => closed).toBe(1);
  });

  test("the file picker opens at the start path's folder with one listing; typing a folder lists nothing until Go, Show hidden lists once", async () => {
    bridge.answer('files.list', (input) => listing(input.path ?? '/home/u'));
    await render(FilePicker, {
      props: { title: 'Choose File 1', start: '/data/in/x.iso', onChoose: () => {}, onClose: () => {} },
    });
    const dialog = page.getByRole('dialog', { name: 'Choose File 1' });
    await expect.element(dialog.getByRole('button', { name: /^a\.txt/ })).toBeVisible();
    expect(bridge.callsTo('files.list').map((call) => call.input.path)).toEqual(['/data/in']);

    await userEvent.fill(dialog.getByRole('textbox', { name: 'Folder' }), '/srv');
    expect(bridge.callsTo('files.list')).toHaveLength(1);
    await userEvent.click(dialog.getByRole('button', { name: 'Go' }));
    await expect
      .poll(() => bridge.callsTo('files.list').map((call) => call.input.path))
      .toEqual(['/data/in', '/srv']);

    await userEvent.click(dialog.getByRole('checkbox', { name: 'Show hidden files' }));
    await expect.poll(() => bridge.callsTo('files.list')).toHaveLength(3);
    expect(bridge.callsTo('files.list').at(-1)?.input).toEqual({ path: '/srv', showHidden: true });
  });
});
