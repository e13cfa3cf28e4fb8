import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startBrowserMode, test } from './fixtures.ts';

test('a tool chosen before the saved settings arrive is not taken away by them', async ({ page }) => {
  const home = await mkdtemp(join(tmpdir(), 'suite-startup-'));
  await mkdir(join(home, '.config', 'DevUtil Suite'), { recursive: true });
  await writeFile(
    join(home, '.config', 'DevUtil Suite', 'settings.json'),
    JSON.stringify({ lastTool: 'inspect' }),
  );
  const server = await startBrowserMode(home);
  try {
    // The settings are read at once but their answer is held back, as on a slow start, while the user picks Zone Convert.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/settings.get', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await page.goto(server.mode.url);
    await page.keyboard.press('Control+2');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zone Convert');
    const settingsArrived = page.waitForResponse('**/api/settings.get');
    release();
    await settingsArrived;
    await page.waitForTimeout(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zone Convert');
  } finally {
    server.child.kill();
    await rm(home, { recursive: true, force: true });
  }
});
