import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.ts';
import { repoRoot } from '../support/paths.ts';

const binary = findElectronBinary();

test.skip(
  binary === null,
  'No Electron binary on this machine (it cannot be downloaded offline); ' +
    'run "npx install-electron" or set ELECTRON_OVERRIDE_DIST_PATH to run the Electron-launch tests.',
);

let app: ElectronApplication;

test.beforeAll(async () => {
  const args = [repoRoot];
  // Chromium refuses to start as root without this; the app's own renderer sandbox stays on.
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  app = await electron.launch({ executablePath: binary!, args });
});

test.afterAll(async () => app?.close());

test('opens one window with the four tools and the IPC bridge', async () => {
  const page = await app.firstWindow();
  await expect(page.getByRole('navigation', { name: 'Tools' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Desktop app');
  expect(await page.evaluate(() => typeof (globalThis as { suite?: unknown }).suite)).toBe('object');
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
});

test('runs with the security checklist in force', async () => {
  const page = await app.firstWindow();
  // Sandboxed, context-isolated renderer: no Node globals reach the page.
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => window.open('https://example.com'))).toBeNull();
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(300);
  expect(page.url()).toMatch(/^app:\/\/suite\//);
});
