import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startBrowserMode, test } from './fixtures.ts';

test('files named on the command line open in File Compare, a checksum file in verification', async ({
  page,
}) => {
  const home = await mkdtemp(join(tmpdir(), 'suite-opened-'));
  await writeFile(join(home, 'one.bin'), 'one');
  await writeFile(join(home, 'two.bin'), 'two');
  await writeFile(join(home, 'SHA256SUMS'), execFileSync('sha256sum', ['one.bin', 'two.bin'], { cwd: home }));
  const pair = await startBrowserMode(home, { args: ['one.bin', 'two.bin'], cwd: home });
  try {
    await page.goto(pair.mode.url);
    await expect(page.getByRole('combobox', { name: 'File 1' })).toHaveValue(join(home, 'one.bin'));
    await expect(page.getByRole('combobox', { name: 'File 2' })).toHaveValue(join(home, 'two.bin'));
  } finally {
    pair.child.kill();
  }
  const sums = await startBrowserMode(home, { args: ['SHA256SUMS'], cwd: home });
  try {
    await page.goto(sums.mode.url);
    await expect(page.getByRole('region', { name: 'Verification result' }).getByRole('status')).toHaveText(
      'All 2 files verified OK.',
    );
  } finally {
    sums.child.kill();
    await rm(home, { recursive: true, force: true });
  }
});
