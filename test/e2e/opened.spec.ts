import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { webEntry } from '../support/paths.ts';
import { expect, test } from './fixtures.ts';

async function browserModeWith(home: string, files: string[]) {
  const child = spawn(process.execPath, [webEntry, ...files], {
    env: { ...process.env, HOME: home },
    cwd: home,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once('line', resolve),
  );
  return { child, url: line.replace('Suite listening at ', '') };
}

test('files named on the command line open in File Compare, a checksum file in verification', async ({
  page,
}) => {
  const home = await mkdtemp(join(tmpdir(), 'suite-opened-'));
  await writeFile(join(home, 'one.bin'), 'one');
  await writeFile(join(home, 'two.bin'), 'two');
  await writeFile(join(home, 'SHA256SUMS'), execFileSync('sha256sum', ['one.bin', 'two.bin'], { cwd: home }));
  const pair = await browserModeWith(home, ['one.bin', 'two.bin']);
  try {
    await page.goto(pair.url);
    await expect(page.getByRole('combobox', { name: 'File 1' })).toHaveValue(join(home, 'one.bin'));
    await expect(page.getByRole('combobox', { name: 'File 2' })).toHaveValue(join(home, 'two.bin'));
  } finally {
    pair.child.kill();
  }
  const sums = await browserModeWith(home, ['SHA256SUMS']);
  try {
    await page.goto(sums.url);
    await expect(page.getByRole('region', { name: 'Verification result' }).getByRole('status')).toHaveText(
      'All 2 files verified OK.',
    );
  } finally {
    sums.child.kill();
    await rm(home, { recursive: true, force: true });
  }
});
