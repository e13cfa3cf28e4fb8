import type { Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startBrowserMode, test } from './fixtures.ts';
import { olderZoneinfo } from '../support/older-zoneinfo.ts';
import { offsetText, zdumpTransitions } from '../support/zdump.ts';

test.describe('Zone Convert', () => {
  test.beforeEach(async ({ page, browserMode }) => {
    await page.goto(browserMode.url);
    await page.keyboard.press('Control+2');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zone Convert');
  });

  async function chooseZone(page: Page, field: string, search: string, option: RegExp) {
    await page.getByRole('combobox', { name: field, exact: true }).fill(search);
    const choice = page
      .getByRole('listbox', { name: 'Matching time zones' })
      .getByRole('option', { name: option })
      .first();
    await expect(choice).toBeVisible();
    await choice.click();
  }

  test("converts the seed article's example", async ({ page }) => {
    await page.getByRole('textbox', { name: 'Date and time' }).fill('2017-03-11 11:30');
    await chooseZone(page, 'From zone', 'seoul', /^Asia\/Seoul/);
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    const newYork = page.getByRole('article', { name: 'Target: America/New_York' });
    await expect(newYork.locator('.clock')).toHaveText('21:30:00');
    await expect(newYork.locator('.date')).toHaveText('Fri 2017-03-10');
    await expect(newYork).toContainText('UTC-05:00 · EST · Standard time');
    await expect(newYork).toContainText('2017-03-10T21:30:00-05:00[America/New_York]');
    await expect(page.getByRole('region', { name: 'Converted times' })).toContainText('Unix 1489199400');
    await expect(page.getByRole('region', { name: 'Converted times' })).toContainText('ms 1489199400000');
  });

  test('finds zones by city, country and legacy name, and adds and removes targets with the keyboard', async ({
    page,
  }) => {
    const add = page.getByRole('combobox', { name: 'Add a zone' });
    await add.fill('nepal');
    await expect(
      page.getByRole('listbox', { name: 'Matching time zones' }).getByRole('option').first(),
    ).toHaveText(/^Asia\/Kathmandu/);
    await add.press('Enter');
    await expect(page.getByRole('group', { name: 'To zones' })).toContainText('Asia/Kathmandu');
    await add.fill('calcutta');
    await add.press('ArrowDown');
    await add.press('Enter');
    await expect(page.getByRole('group', { name: 'To zones' })).toContainText('Asia/Kolkata');
    await page.getByRole('button', { name: 'Remove Asia/Kathmandu from To zones' }).click();
    await expect(page.getByRole('group', { name: 'To zones' })).not.toContainText('Asia/Kathmandu');
  });

  test('names a DST gap and offers the other reading', async ({ page }) => {
    await page.getByRole('textbox', { name: 'Date and time' }).fill('2024-03-10 02:30');
    await chooseZone(page, 'From zone', 'new york', /^America\/New_York/);
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    const notice = page.getByRole('region', { name: 'Converted times' }).getByRole('alert');
    await expect(notice).toContainText('This time does not exist.');
    await expect(page.getByRole('article', { name: 'From: America/New_York' }).locator('.clock')).toHaveText(
      '03:30:00',
    );
    await page.getByRole('button', { name: /^Use earlier/ }).click();
    await expect(page.getByRole('article', { name: 'From: America/New_York' }).locator('.clock')).toHaveText(
      '01:30:00',
    );
    await expect(page.getByRole('combobox', { name: 'Ambiguous times' })).toHaveValue('earlier');
  });

  test('shows Amsterdam in 1935 at +00:19:32 with the system data', async ({ page }) => {
    await page.getByRole('textbox', { name: 'Date and time' }).fill('1935-01-15T12:00:00Z');
    await page.getByRole('combobox', { name: 'Add a zone' }).fill('Europe/Amsterdam');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('combobox', { name: 'Time zone data' }).selectOption('system');
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    await expect(page.getByRole('article', { name: 'Target: Europe/Amsterdam' })).toContainText(
      'UTC+00:19:32 · AMT',
    );
    await expect(page.getByRole('region', { name: 'Converted times' })).toContainText('Data: system (');
  });

  test('explains invalid input', async ({ page }) => {
    await page.getByRole('textbox', { name: 'Date and time' }).fill('2023-02-30 10:00');
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'February 2023 has 28 days, so there is no February 30.',
    );
    await page.getByRole('textbox', { name: 'Date and time' }).fill('2023-02-10 10:00');
    await page.getByRole('combobox', { name: 'From zone' }).fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(
      /^Unknown time zone "Mars\/Olympus"\. Give an IANA zone \(Europe\/Berlin\), a city/,
    );
  });

  test('does wall-clock arithmetic and says when the offset changed', async ({ page }) => {
    await page.getByRole('textbox', { name: 'Date and time' }).fill('2017-03-10 21:30');
    await chooseZone(page, 'From zone', 'new york', /^America\/New_York/);
    await page.getByRole('spinbutton', { name: 'Days' }).fill('5');
    await page.getByRole('button', { name: 'Apply' }).click();
    const result = page.getByRole('region', { name: 'Arithmetic result' });
    await expect(result.getByRole('status')).toHaveText(
      '2017-03-10T21:30:00-05:00[America/New_York] → 2017-03-15T21:30:00-04:00[America/New_York]',
    );
    await expect(result).toContainText('The offset changed on the way: -05:00 (EST) became -04:00 (EDT).');
  });

  test('names the data on every result and marks an older choice as older', async ({ page }) => {
    await page.getByRole('textbox', { name: 'Date and time' }).fill('2026-06-01 12:00');
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    const results = page.getByRole('region', { name: 'Converted times' });
    const data = page.getByRole('combobox', { name: 'Time zone data' });
    const newest = (await data.locator('option[value="auto"]').textContent())!.replace('Newest here: ', '');
    await expect(results).toContainText(`Data: ${newest}.`);
    await expect(results.locator('[data-verdict="older"]')).toHaveCount(0);
  });

  test('marks system data older than the newest as older when chosen by hand', async ({ page }) => {
    // The machine's own sources may all be of one version.
    const scratch = await mkdtemp(join(tmpdir(), 'suite-e2e-tzdir-'));
    const tzdir = await olderZoneinfo(scratch);
    const server = await startBrowserMode(scratch, { env: { TZDIR: tzdir } });
    try {
      await page.goto(server.mode.url);
      await page.keyboard.press('Control+2');
      await page.getByRole('textbox', { name: 'Date and time' }).fill('2026-06-01 12:00');
      const data = page.getByRole('combobox', { name: 'Time zone data' });
      const older = data.locator('option', { hasText: /tz 1996a.*\(older\)/ });
      await expect(older).toHaveCount(1);
      await data.selectOption((await older.getAttribute('value'))!);
      await page.getByRole('button', { name: 'Convert', exact: true }).click();
      const notice = page.getByRole('region', { name: 'Converted times' }).locator('[data-verdict="older"]');
      await expect(notice).toContainText('Older data: tz 1996a');
      await expect(notice).toHaveAttribute('data-tone', 'unknown');
    } finally {
      server.child.kill();
      await rm(scratch, { recursive: true, force: true });
    }
  });

  test('a long transitions listing stops at 1,000 rows and says so', async ({ page }) => {
    await chooseZone(page, 'Zone', 'london', /^Europe\/London/);
    await page.getByRole('spinbutton', { name: 'From year' }).fill('2000');
    await page.getByRole('spinbutton', { name: 'To year' }).fill('2500');
    await page.getByRole('button', { name: 'List transitions' }).click();
    const region = page.getByRole('region', { name: 'Transitions' });
    await expect(region.locator('[data-verdict="truncated"]')).toContainText('Stopped at 1,000 transitions');
    await expect(region.getByRole('row')).toHaveCount(1001);
  });

  test('lists transitions like zdump', async ({ page }) => {
    await chooseZone(page, 'Zone', 'lord howe', /^Australia\/Lord_Howe/);
    await page.getByRole('spinbutton', { name: 'From year' }).fill('2024');
    await page.getByRole('spinbutton', { name: 'To year' }).fill('2024');
    await page.getByRole('button', { name: 'List transitions' }).click();
    const rows = page.getByRole('region', { name: 'Transitions' }).getByRole('row');
    const expected = zdumpTransitions('Australia/Lord_Howe', 2024, 2024);
    await expect(rows).toHaveCount(expected.length + 1);
    for (const [index, transition] of expected.entries()) {
      await expect(rows.nth(index + 1)).toContainText(
        new Date(transition.at * 1000).toISOString().replace('.000Z', 'Z'),
      );
      await expect(rows.nth(index + 1)).toContainText(offsetText(transition.offsetAfter));
    }
  });
});
