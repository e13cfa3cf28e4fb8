import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';

/** Checks exactly these algorithms: the choice is saved, so one test's choice would carry into the next. */
async function chooseAlgorithms(page: Page, names: string[]) {
  for (const name of [
    'MD5',
    'SHA-1',
    'SHA-256',
    'SHA-512',
    'SHA3-256',
    'BLAKE2b-512',
    'BLAKE3',
    'CRC32',
    'XXH64',
  ]) {
    await page.getByRole('checkbox', { name, exact: true }).setChecked(names.includes(name));
  }
}

const digest = (tool: string, path: string) =>
  execFileSync(tool, ['-b', path], { encoding: 'utf8' }).split(' ')[0]!;

test.describe('File Compare', () => {
  let dir: string;

  test.beforeAll(async ({ browserMode }) => {
    dir = join(browserMode.home, 'compare files');
    await mkdir(dir, { recursive: true });
    const data = randomBytes(600_000);
    await writeFile(join(dir, 'original.bin'), data);
    data[4242] = data[4242]! ^ 0x20;
    await writeFile(join(dir, 'changed.bin'), data);
  });

  test.beforeEach(async ({ page, browserMode }) => {
    await page.goto(browserMode.url);
  });

  test('shows both digests per algorithm, the verdict and the first differing byte', async ({ page }) => {
    await page.getByRole('combobox', { name: 'File 1' }).fill(join(dir, 'original.bin'));
    await page.getByRole('combobox', { name: 'File 2' }).fill(join(dir, 'changed.bin'));
    await chooseAlgorithms(page, ['MD5', 'SHA-1', 'SHA-256', 'SHA-512']);
    await page.getByRole('checkbox', { name: 'Exact compare (byte for byte)' }).check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const output = page.getByRole('region', { name: 'Comparison result' });
    await expect(output.getByRole('status')).toHaveText(
      /^The files differ: MD5, SHA-1, SHA-256 and SHA-512 differ; File 1 and File 2 differ: byte 4243, line \d+ \(0x/,
    );
    const sha256 = output.getByRole('row', { name: /^SHA-256/ });
    await expect(sha256.getByRole('cell').nth(0)).toContainText(
      digest('sha256sum', join(dir, 'original.bin')),
    );
    await expect(sha256.getByRole('cell').nth(1)).toContainText(
      digest('sha256sum', join(dir, 'changed.bin')),
    );
    await expect(sha256.getByRole('cell').nth(2)).toHaveText('Differ');
    // Bytes numbered from 1, as cmp numbers them, with the 0-based offset beside.
    await expect(output).toContainText('first difference at byte 4,243');
    await expect(output).toContainText('offset 4,242');
    await expect(page.getByRole('button', { name: 'Copy SHA-512 of File 2' })).toBeVisible();
  });

  test('a file compared with itself matches, and an expected digest is recognised', async ({ page }) => {
    const path = join(dir, 'original.bin');
    await chooseAlgorithms(page, ['MD5', 'SHA-1', 'SHA-256']);
    await page.getByRole('combobox', { name: 'File 1' }).fill(path);
    await page.getByRole('combobox', { name: 'File 2' }).fill(path);
    await page
      .getByRole('textbox', { name: 'Expected digest' })
      .fill(`SHA256:${digest('sha256sum', path).toUpperCase()}`);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Comparison result' }).getByRole('status')).toHaveText(
      'The files match: MD5, SHA-1 and SHA-256 are equal; File 1 matches the expected SHA-256 digest.',
    );
  });

  test('a missing File 2 is named while File 1 still shows its digests', async ({ page }) => {
    await chooseAlgorithms(page, ['MD5', 'SHA-256']);
    await page.getByRole('combobox', { name: 'File 1' }).fill(join(dir, 'original.bin'));
    await page.getByRole('combobox', { name: 'File 2' }).fill(join(dir, 'no such file.bin'));
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const output = page.getByRole('region', { name: 'Comparison result' });
    await expect(output.getByRole('status')).toContainText(
      `File 2 could not be read: ${join(dir, 'no such file.bin')} does not exist.`,
    );
    await expect(output.getByRole('row', { name: /^MD5/ })).toContainText(
      digest('md5sum', join(dir, 'original.bin')),
    );
  });

  test('an empty File 1 is refused with a message naming the field', async ({ page }) => {
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Choose File 1.');
  });

  test('shows progress on an endless device and Cancel stops it', async ({ page }) => {
    await page.getByRole('combobox', { name: 'File 1' }).fill('/dev/zero');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const progress = page.getByRole('list', { name: 'Progress' });
    await expect(progress).toContainText(/MiB \(size unknown\)/);
    await expect(page.getByRole('button', { name: 'Compare', exact: true })).toBeDisabled();
    await page.getByRole('button', { name: 'Cancel' }).first().click();
    await expect(page.getByRole('region', { name: 'Comparison result' }).getByRole('alert')).toHaveText(
      'Cancelled.',
    );
    await expect(page.getByRole('button', { name: 'Compare', exact: true })).toBeEnabled();
  });

  test('Browse opens an in-page picker that works from the keyboard', async ({ page, browserMode }) => {
    await page.getByRole('button', { name: 'Browse for File 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose File 1' });
    await expect(dialog.getByRole('textbox', { name: 'Folder' })).toHaveValue(browserMode.home);
    await dialog.getByRole('button', { name: 'compare files/' }).click();
    await dialog.getByRole('button', { name: /^changed\.bin/ }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'File 1' })).toHaveValue(join(dir, 'changed.bin'));
    await page.getByRole('button', { name: 'Browse for File 2' }).click();
    await expect(page.getByRole('dialog', { name: 'Choose File 2' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByRole('combobox', { name: 'File 2' })).toBeFocused();
  });

  test('verifies a SHA256SUMS file line by line, each verdict in its own colour', async ({ page }) => {
    const sums = execFileSync('sha256sum', ['original.bin', 'changed.bin'], { cwd: dir, encoding: 'utf8' });
    // The same file listed twice, a missing one, and a line that is no checksum line.
    const firstLine = sums.split('\n')[0]!;
    await writeFile(
      join(dir, 'SHA256SUMS'),
      `${sums}${firstLine}\n${'0'.repeat(64)}  gone.bin\nnot a line\n`,
    );
    await page.getByRole('textbox', { name: 'Checksum file' }).fill(join(dir, 'SHA256SUMS'));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const output = page.getByRole('region', { name: 'Verification result' });
    await expect(output.getByRole('status')).toHaveText(
      '1 of 4 files did not verify: 1 file could not be read. 1 line is not a checksum line.',
    );
    await expect(output.getByRole('status')).toHaveAttribute('data-tone', 'bad');
    const status = (line: number) =>
      output
        .getByRole('row', { name: new RegExp(`^${line} `) })
        .getByRole('cell')
        .last();
    await expect(status(1)).toHaveText('OK');
    await expect(status(1)).toHaveAttribute('data-tone', 'good');
    await expect(status(3)).toHaveText('OK');
    await expect(status(4)).toHaveText('MISSING');
    await expect(status(4)).toHaveAttribute('data-tone', 'bad');
    await expect(output).toContainText('Line 5: not a checksum line');
    await page.getByRole('checkbox', { name: /^Strict/ }).check();
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(output.getByRole('status')).toContainText('which --strict counts as a failure');
  });

  test('hashes files and a folder, and saves a checksum file that sha256sum -c accepts', async ({ page }) => {
    const tree = join(dir, 'tree');
    await mkdir(join(tree, 'sub'), { recursive: true });
    await writeFile(join(tree, 'sub', 'inner.txt'), 'inner');
    await writeFile(join(tree, 'top.txt'), 'top');
    const paths = [join(dir, 'original.bin'), tree, join(dir, 'no such file')];
    await page.getByRole('textbox', { name: 'Files and folders' }).fill(paths.join('\n'));
    await page.getByRole('button', { name: 'Hash', exact: true }).click();
    const output = page.getByRole('region', { name: 'Hashing result' });
    await expect(output.getByRole('status')).toHaveText('3 files hashed; 1 could not be read.');
    await expect(output.getByRole('status')).toHaveAttribute('data-verdict', 'failed');
    await expect(output.getByRole('row', { name: /inner\.txt/ })).toContainText(
      digest('sha256sum', join(tree, 'sub', 'inner.txt')),
    );
    await expect(
      output
        .getByRole('row', { name: /no such file/ })
        .getByRole('cell')
        .last(),
    ).toHaveAttribute('data-verdict', 'unreadable');
    const download = page.waitForEvent('download');
    await output.getByRole('button', { name: 'Save checksum file' }).click();
    const saved = join(dir, 'saved.sha256');
    await (await download).saveAs(saved);
    expect(execFileSync('sha256sum', ['-c', saved], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(3);
  });

  test('compares two folders: changed, added and removed entries in red', async ({ page }) => {
    const [a, b] = [join(dir, 'folder a'), join(dir, 'folder b')];
    for (const folder of [a, b]) await mkdir(folder, { recursive: true });
    await writeFile(join(a, 'same.txt'), 'same');
    await writeFile(join(b, 'same.txt'), 'same');
    await writeFile(join(a, 'changed.txt'), 'one');
    await writeFile(join(b, 'changed.txt'), 'two');
    await writeFile(join(a, 'gone.txt'), 'gone');
    await writeFile(join(b, 'new.txt'), 'new');
    await page.getByRole('textbox', { name: 'Folder 1' }).fill(a);
    await page.getByRole('textbox', { name: 'Folder 2' }).fill(b);
    await page.getByRole('button', { name: 'Compare folders' }).click();
    const output = page.getByRole('region', { name: 'Folder comparison' });
    await expect(output.getByRole('status')).toHaveText(
      'The folders differ: 1 changed, 1 added, 1 removed; 1 identical.',
    );
    const result = (name: string) =>
      output
        .getByRole('row', { name: new RegExp(name) })
        .getByRole('cell')
        .nth(1);
    await expect(result('changed')).toHaveText('changed');
    await expect(result('changed')).toHaveAttribute('data-tone', 'bad');
    await expect(result('new')).toHaveText('added');
    await expect(result('gone')).toHaveText('removed');
    await expect(output.getByRole('row', { name: /same/ })).toHaveCount(0);
  });

  test('README screenshot: a real comparison', async ({ page }) => {
    await page.setViewportSize({ width: 1150, height: 860 });
    await page.getByRole('combobox', { name: 'File 1' }).fill(join(dir, 'original.bin'));
    await page.getByRole('combobox', { name: 'File 2' }).fill(join(dir, 'changed.bin'));
    await page.getByRole('checkbox', { name: 'Exact compare (byte for byte)' }).check();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Comparison result' }).getByRole('status')).toContainText(
      'differ',
    );
    const shot = test.info().outputPath('screenshot.png');
    await page.screenshot({ path: shot });
    // `UPDATE_SCREENSHOT=1 npm run test:e2e` refreshes the README's picture from this run.
    if (process.env.UPDATE_SCREENSHOT) {
      await copyFile(shot, fileURLToPath(new URL('../../assets/screenshot.png', import.meta.url)));
    }
  });
});
