import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.describe('Zone Convert planner, world clock and result cards', () => {
  test.beforeEach(async ({ page, browserMode }) => {
    // The Electron window's minimum width: the planner must fit it.
    await page.setViewportSize({ width: 720, height: 800 });
    await page.goto(browserMode.url);
    await page.keyboard.press('Control+2');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zone Convert');
  });

  async function openTab(page: Page, name: string) {
    // Keyboard: the selected tab takes focus, the arrows move along the tabs.
    await page.getByRole('tab', { name: 'Convert' }).focus();
    while (!(await page.getByRole('tab', { name, selected: true }).count()))
      await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name })).toBeFocused();
  }

  async function plan(page: Page, date: string, zones: string) {
    await openTab(page, 'Planner');
    await page.getByLabel('Date', { exact: true }).fill(date);
    const field = page.getByRole('textbox', { name: 'Zones' });
    await field.fill(zones);
    await field.press('Enter');
    // The first plan of a server loads the tz data and the city list: allow a busy machine time.
    await expect(page.getByRole('button', { name: 'Plan' })).toBeEnabled({ timeout: 20_000 });
    return page.getByRole('grid', { name: 'Planner hours' });
  }

  test('shows a 25-hour day as 25 rows with the change marked where it happens', async ({ page }) => {
    const grid = await plan(page, '2026-11-01', 'America/New_York, Frankfurt, Asia/Tokyo');
    await expect(page.getByRole('note')).toHaveText(
      '2026-11-01 has 25 hours in America/New_York: the clocks change that day.',
    );
    const rows = grid.locator('tbody tr');
    await expect(rows).toHaveCount(25);
    // 06:00 UTC is the second 01:00 in New York: the row where EDT ends.
    const change = rows.nth(2);
    await expect(change.locator('th')).toHaveText('06:00');
    await expect(change.locator('td').first()).toContainText('01:00');
    await expect(change.locator('td').first()).toContainText('Clocks go back 1 h: -04:00 EDT → -05:00 EST');
    await expect(rows.nth(1).locator('td').first()).not.toContainText('DST');
    // Sunday everywhere; Tokyo's Monday starts at 15:00 UTC and is named in its cell.
    await expect(rows.first().locator('td[data-state="weekend"]')).toHaveCount(3);
    await expect(rows.nth(11).locator('td').nth(2).locator('.time')).toHaveText('00:00');
    await expect(rows.nth(11).locator('td').nth(2).locator('.date')).toHaveText('Mon 2 Nov');
  });

  test('moves and selects a slot with the keyboard, copies it, and saves an .ics', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const grid = await plan(page, '2026-12-01', 'America/New_York, Europe/London');
    const rows = grid.locator('tbody tr');
    await expect(rows).toHaveCount(24);
    // Rows start at 05:00 UTC (midnight in New York). Working hours overlap 14:00–17:00 UTC
    // (09:00–12:00 in New York): the first of them is active.
    await expect(rows.nth(9)).toHaveClass(/active/);
    await expect(rows.nth(9).locator('td[data-state="work"]')).toHaveCount(2);
    await expect(rows.nth(3).locator('td').first()).toHaveAttribute('data-state', 'night');
    await expect(rows.nth(19).locator('td').first()).toHaveAttribute('data-state', 'off');
    await expect(grid.locator('tbody [data-verdict="match"]')).toHaveCount(3);

    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(rows.nth(10)).toHaveAttribute('aria-selected', 'true');
    const slot = page.getByRole('region', { name: 'Selected slot' });
    await expect(slot.locator('pre')).toHaveText(
      [
        '2026-12-01 15:00 UTC',
        'America/New_York  Tue 2026-12-01 10:00 EST (UTC-05:00)',
        'Europe/London     Tue 2026-12-01 15:00 GMT (UTC+00:00)',
      ].join('\n'),
    );

    await page.getByRole('button', { name: 'Copy as text' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toContain('2026-12-01 15:00 UTC');
    await page.getByRole('button', { name: 'Copy command' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(
        'suite zone planner --date 2026-12-01 --zones America/New_York,Europe/London --hours 09:00-17:00',
      );

    await page.getByRole('textbox', { name: 'Title' }).fill('Review, part 2');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save .ics' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Review-part-2-2026-12-01.ics');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('DTSTART;TZID=America/New_York:20261201T100000\r\n');
    expect(text).toContain('DTEND;TZID=America/New_York:20261201T110000\r\n');
    expect(text).toContain('SUMMARY:Review\\, part 2\r\n');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n');
  });

  test('edits working hours per zone and fits the smallest window', async ({ page }) => {
    const grid = await plan(page, '2026-12-01', 'America/New_York, Asia/Kolkata');
    const rows = grid.locator('tbody tr');
    await expect(grid.locator('tbody [data-verdict="match"]')).toHaveCount(0);
    await page.getByLabel('Working hours start in Asia/Kolkata').fill('18:00');
    await page.getByLabel('Working hours end in Asia/Kolkata').fill('23:30');
    // 14:00–18:00 UTC is 19:30–23:30 in Kolkata and 09:00–13:00 in New York.
    await expect(grid.locator('tbody [data-verdict="match"]')).toHaveCount(4);
    await expect(rows.nth(9).locator('td').nth(1)).toHaveAttribute('data-state', 'work');
    const overflowing = await page.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll('main *')]
        .filter(
          (element) =>
            element.scrollWidth > element.clientWidth + 1 &&
            element.clientWidth > 0 &&
            (element === document.documentElement || getComputedStyle(element).overflowX === 'visible'),
        )
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );
    expect(overflowing).toEqual([]);
  });

  test('says in one line when a zone is ambiguous', async ({ page }) => {
    await plan(page, '2026-12-01', 'IST, Europe/Berlin');
    await expect(page.getByRole('alert')).toHaveText(
      '"IST" can mean 3 zones: Asia/Jerusalem, Asia/Kolkata, Europe/Dublin. Name one of them.',
    );
  });

  test('world clock ticks, and pauses while the page is hidden', async ({ page }) => {
    const add = page.getByRole('combobox', { name: 'Add a zone' });
    await add.fill('Asia/Tokyo');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('group', { name: 'To zones' })).toContainText('Asia/Tokyo');
    await openTab(page, 'World clock');
    const tokyo = page.getByRole('listitem', { name: 'Clock: Asia/Tokyo' });
    const time = tokyo.locator('time');
    await expect(time).toHaveText(/^\d\d:\d\d:\d\d$/);
    const first = await time.textContent();
    await expect(time).not.toHaveText(first!, { timeout: 10_000 });
    await expect(tokyo).toContainText('(UTC+09:00)');
    await expect(tokyo).toContainText(/no clock change within a year/);
    const clock = page.locator('section.world-clock');
    await expect(clock).toHaveAttribute('data-state', 'ticking');
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect(clock).toHaveAttribute('data-state', 'paused');
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect(clock).toHaveAttribute('data-state', 'ticking');
  });

  test('result cards: Unix once, sorted by offset, difference and day from the From zone', async ({
    page,
  }) => {
    await page.getByRole('textbox', { name: 'Date and time' }).fill('2017-03-11 11:30');
    await page.getByRole('combobox', { name: 'From zone', exact: true }).fill('Seoul');
    for (const zone of ['Asia/Kathmandu', 'America/New_York', 'Europe/London']) {
      await page.getByRole('combobox', { name: 'Add a zone' }).fill(zone);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
    }
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    const output = page.getByRole('region', { name: 'Converted times' });
    // The saved favourites (UTC and Tokyo by default) are there too; Etc/UTC sorts before Europe/London.
    await expect(output.getByRole('article')).toHaveText([
      /^Asia\/Seoul/,
      /^America\/New_York/,
      /^Etc\/UTC/,
      /^Europe\/London/,
      /^Asia\/Kathmandu/,
      /^Asia\/Tokyo/,
    ]);
    await expect(output.getByText('1489199400', { exact: true })).toHaveCount(1);
    const newYork = output.getByRole('article', { name: 'Target: America/New_York' });
    await expect(newYork).toContainText('−14 h from Asia/Seoul');
    await expect(newYork.locator('[data-day]')).toHaveText('previous day');
    const kathmandu = output.getByRole('article', { name: 'Target: Asia/Kathmandu' });
    await expect(kathmandu).toContainText('−3:15 from Asia/Seoul');
    await expect(kathmandu.locator('[data-day]')).toHaveCount(0);
    // ISO-8601 wraps only between whole tokens.
    await expect(newYork.locator('code .token')).toHaveText([
      '2017-03-10T21:30:00-05:00',
      '[America/New_York]',
      'Fri,',
      '10',
      'Mar',
      '2017',
      '21:30:00',
      '-0500',
    ]);
    await expect(output.getByRole('article', { name: 'From: Asia/Seoul' })).toContainText('(given as Seoul)');
  });

  test('reads typed phrases and cities', async ({ page }) => {
    await page.getByRole('textbox', { name: 'Date and time' }).fill('tomorrow 3pm');
    await page.getByRole('combobox', { name: 'From zone', exact: true }).fill('Frankfurt');
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Converted times' })).toContainText(
      /"tomorrow 3pm" → \d{4}-\d\d-\d\d 15:00 in Europe\/Berlin/,
    );
    await expect(page.getByRole('article', { name: 'From: Europe/Berlin' }).locator('.clock')).toHaveText(
      '15:00:00',
    );
    await page.getByRole('textbox', { name: 'Date and time' }).fill('sometime soon');
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(
      /^Could not read "sometime soon" as a time\. Use now, tomorrow 15:00, in 90 minutes, next Monday 9am/,
    );
  });

  test('an ambiguous abbreviation lists the zones it can mean, and one click converts', async ({ page }) => {
    await page.getByRole('textbox', { name: 'Date and time' }).fill('2026-12-01 09:00');
    await page.getByRole('combobox', { name: 'From zone', exact: true }).fill('IST');
    // The picker's own list (zone names containing "ist") covers the button: submit from the time field.
    await page.getByRole('textbox', { name: 'Date and time' }).press('Enter');
    await expect(page.getByRole('alert')).toHaveText(
      '"IST" can mean 3 zones: Asia/Jerusalem, Asia/Kolkata, Europe/Dublin. Name one of them.',
    );
    const choices = page.getByRole('group', { name: 'Zones "IST" can mean' }).getByRole('button');
    await expect(choices).toHaveText([/^Asia\/Jerusalem IST/, /^Asia\/Kolkata IST/, /^Europe\/Dublin IST/]);
    await choices.nth(1).click();
    await expect(page.getByRole('article', { name: 'From: Asia/Kolkata' }).locator('.clock')).toHaveText(
      '09:00:00',
    );
  });
});
