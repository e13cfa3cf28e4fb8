import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startBrowserMode, test } from './fixtures.ts';

test('settings survive a restart of browser mode: last tool, algorithms, favourite zones, recent files', async ({
  page,
}) => {
  const home = await mkdtemp(join(tmpdir(), 'suite-settings-home-'));
  await writeFile(join(home, 'a.txt'), 'a');
  let server = await startBrowserMode(home);
  try {
    await page.goto(server.mode.url);
    await page.getByRole('checkbox', { name: 'SHA-512' }).check();
    await page.getByRole('checkbox', { name: 'MD5' }).uncheck();
    await page.getByRole('combobox', { name: 'File 1' }).fill(join(home, 'a.txt'));
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Comparison result' }).getByRole('status')).toBeVisible();
    await page.keyboard.press('Control+2');
    await page.getByRole('combobox', { name: 'Add a zone' }).fill('Asia/Kathmandu');
    // The page shows the change at once; the restart waits until this save (not the last tool's,
    // which may still be on its way) has landed.
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/settings.update') &&
        (response.request().postData() ?? '').includes('Asia/Kathmandu'),
    );
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await saved;
    await expect(page.getByRole('group', { name: 'To zones' })).toContainText('Asia/Kathmandu');

    server.child.kill();
    server = await startBrowserMode(home);
    await page.goto(server.mode.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zone Convert');
    await expect(page.getByRole('group', { name: 'To zones' })).toContainText('Asia/Kathmandu');
    await page.keyboard.press('Control+1');
    await expect(page.getByRole('checkbox', { name: 'SHA-512' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'MD5' })).not.toBeChecked();
    await expect(page.locator('#file-a-recent option')).toHaveAttribute('value', join(home, 'a.txt'));
  } finally {
    server.child.kill();
    await rm(home, { recursive: true, force: true });
  }
});

test('a corrupt settings file is set aside and the app says so once', async ({ page }) => {
  const home = await mkdtemp(join(tmpdir(), 'suite-settings-home-'));
  const dir = join(home, '.config', 'DevUtil Suite');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'settings.json'), 'not json at all');
  const server = await startBrowserMode(home);
  try {
    await page.goto(server.mode.url);
    await expect(page.getByRole('alert')).toContainText(
      'Your settings could not be used (it is not valid JSON) and were reset',
    );
    expect((await readdir(dir)).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('File Compare');
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    server.child.kill();
    await rm(home, { recursive: true, force: true });
  }
});
