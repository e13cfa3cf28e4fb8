import { writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.ts';
import { TOOL_IDS } from '../../src-main/contract/tools.ts';
import { repoRoot } from '../support/paths.ts';

const binary = findElectronBinary();

test.skip(
  binary === null,
  'No Electron binary on this machine (it cannot be downloaded offline); ' +
    'run "npx install-electron" or set ELECTRON_OVERRIDE_DIST_PATH to run the Electron-launch tests.',
);
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let home: string;

test.beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'suite-electron-home-'));
  await writeFile(join(home, 'a.txt'), 'same');
  await writeFile(join(home, 'b.txt'), 'same');
  const args = [repoRoot];
  // Chromium refuses to start as root without this; the app's own renderer sandbox stays on.
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  app = await electron.launch({
    executablePath: binary!,
    args,
    // Without the test runner's NODE_OPTIONS (its network guard): Electron limits which it accepts.
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), NODE_OPTIONS: '' },
  });
  page = await app.firstWindow();
});

test.afterAll(async () => app?.close());

test('opens one window with every tool and the IPC bridge', async () => {
  await expect(page.getByRole('navigation', { name: 'Tools' }).getByRole('listitem')).toHaveCount(
    TOOL_IDS.length,
  );
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Desktop app');
  expect(await page.evaluate(() => typeof (globalThis as { suite?: unknown }).suite)).toBe('object');
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
});

test('switches through all four tools and runs one action in each', async () => {
  await page.keyboard.press('Control+1');
  await page.getByRole('combobox', { name: 'File 1' }).fill(join(home, 'a.txt'));
  await page.getByRole('combobox', { name: 'File 2' }).fill(join(home, 'b.txt'));
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Comparison result' }).getByRole('status')).toContainText(
    'The files match',
  );

  await page.keyboard.press('Control+2');
  await page.getByRole('textbox', { name: 'Date and time' }).fill('2017-03-11 11:30');
  await page.getByRole('combobox', { name: 'From zone' }).fill('Asia/Seoul');
  await page.getByRole('button', { name: 'Convert', exact: true }).click();
  await expect(page.getByRole('article', { name: 'Target: America/New_York' })).toContainText(
    '2017-03-10 21:30:00',
  );

  await page.keyboard.press('Control+3');
  await expect(page.getByRole('table', { name: 'Environment variables' })).toBeVisible();

  await page.keyboard.press('Control+4');
  await expect(page.getByRole('table', { name: 'System overview' })).toContainText('Electron');
});

test('runs with the security checklist in force', async () => {
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => window.open('https://example.com'))).toBeNull();
  const permission = await page.evaluate(() =>
    navigator.permissions.query({ name: 'geolocation' as PermissionName }).then((status) => status.state),
  );
  expect(permission).toBe('denied');
  // Wait for the navigation attempt to reach main (not for a set time), then see that it went nowhere.
  await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    (globalThis as { navigationTried?: Promise<string> }).navigationTried = new Promise((resolve) =>
      contents.once('will-navigate', (_event, url) => setImmediate(() => resolve(url))),
    );
  });
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  const tried = await app.evaluate(
    () => (globalThis as { navigationTried?: Promise<string> }).navigationTried,
  );
  expect(tried).toBe('https://example.com/');
  expect(page.url()).toMatch(/^app:\/\/suite\//);
});

test('runs its page sandboxed: a preload there has no Node', async () => {
  // Context isolation alone also hides Node from the page, so the page cannot tell; a preload can.
  // A probe preload, added to the session, reports what it finds when the window reloads.
  const probe = join(home, 'sandbox-probe.cjs');
  await writeFile(
    probe,
    [
      "const { ipcRenderer } = require('electron');",
      'let nodeFs = true;',
      "try { require('node:fs'); } catch { nodeFs = false; }",
      "ipcRenderer.send('suite-test:sandbox-probe', { sandboxed: process.sandboxed === true, nodeFs });",
    ].join('\n'),
  );
  const found = await app.evaluate(async ({ BrowserWindow, ipcMain, session }, filePath) => {
    const answer = new Promise((resolve) =>
      ipcMain.once('suite-test:sandbox-probe', (_event, value) => resolve(value)),
    );
    session.defaultSession.registerPreloadScript({ type: 'frame', filePath });
    BrowserWindow.getAllWindows()[0]!.webContents.reload();
    return answer;
  }, probe);
  expect(found).toEqual({ sandboxed: true, nodeFs: false });
});
