import { execFileSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';

/** What a real bash reads from the profile the page wrote. */
const bashReads = (file: string, name: string) =>
  execFileSync('bash', ['--norc', '--noprofile', '-c', `. "$1"; printf '%s' "$${name}"`, 'bash', file], {
    encoding: 'utf8',
  });

test.describe('Env Settings', () => {
  test.describe.configure({ mode: 'serial' });
  const original =
    '# my own profile\nexport GITHUB_TOKEN=ghp_not_for_eyes\nexport PATH="/missing/dir:$PATH"\nexport DATABASE_URL=postgres://app:pw_not_for_eyes@db/app\n';
  let profile: string;

  test.beforeAll(async ({ browserMode }) => {
    profile = join(browserMode.home, '.profile');
    await writeFile(profile, original);
  });

  test.beforeEach(async ({ page, browserMode }) => {
    await page.goto(browserMode.url);
    await page.keyboard.press('Control+3');
    // Starting a login shell can take seconds on a busy machine; the page says so meanwhile.
    await expect(page.getByRole('status').filter({ hasText: 'From a fresh' })).toBeVisible({
      timeout: 20_000,
    });
  });

  test('shows the login shell environment with secrets masked and PATH checked', async ({ page }) => {
    const table = page.getByRole('table', { name: 'Environment variables' });
    const token = table.getByRole('row', { name: /^GITHUB_TOKEN/ });
    await expect(token).not.toContainText('ghp_not_for_eyes');
    // Edit of a hidden value fills in only the name.
    await token.getByRole('button', { name: 'Edit GITHUB_TOKEN' }).click();
    await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('GITHUB_TOKEN');
    await expect(page.getByRole('textbox', { name: 'Value' })).toHaveValue('');
    await token.getByRole('button', { name: 'Reveal GITHUB_TOKEN' }).click();
    await expect(token).toContainText('ghp_not_for_eyes');
    const url = table.getByRole('row', { name: /^DATABASE_URL/ });
    await expect(url).toContainText('postgres://app:••••••••@db/app');
    await expect(url).not.toContainText('pw_not_for_eyes');
    const path = page.getByRole('list', { name: 'PATH entries' });
    await expect(path.getByRole('listitem').first()).toContainText('/missing/dir');
    await expect(path.getByRole('listitem').first()).toContainText('missing');
    await page.getByRole('searchbox', { name: 'Filter' }).fill('github');
    await expect(table.getByRole('row')).toHaveCount(2);
  });

  test('previews the change as a diff, writes it, verifies it, and Undo restores the file', async ({
    page,
  }) => {
    await page.getByRole('textbox', { name: 'Name' }).fill('SUITE_E2E');
    await page.getByRole('textbox', { name: 'Value' }).fill(`it's "$HOME" $(date)`);
    await page.getByRole('button', { name: 'Preview' }).click();
    const diff = page.getByLabel('Diff preview');
    await expect(diff).toContainText(`+export SUITE_E2E='it'\\''s "$HOME" $(date)'`);
    expect(await readFile(profile, 'utf8')).toBe(original);

    await page.getByRole('button', { name: 'Write', exact: true }).click();
    const change = page.getByRole('region', { name: 'Change' });
    const verdict = change.getByRole('status');
    await expect(verdict).toHaveText(
      `Fresh shells see the change (bash -lc, bash -lic, sh -lc): SUITE_E2E is "it's \\"$HOME\\" $(date)".`,
      { timeout: 20_000 },
    );
    await expect(verdict).toHaveAttribute('data-verdict', 'ok');
    await expect(verdict).toHaveAttribute('data-tone', 'good');
    const checks = change.getByRole('list', { name: 'Checks in fresh shells' }).getByRole('listitem');
    await expect(checks).toHaveText([
      /^bash -lc: sees the change/,
      /^bash -lic: sees the change/,
      /^sh -lc: sees the change/,
    ]);
    expect(bashReads(profile, 'SUITE_E2E')).toBe(`it's "$HOME" $(date)`);
    expect((await readFile(profile, 'utf8')).startsWith(original)).toBe(true);

    await change.getByRole('button', { name: 'Undo' }).click();
    await expect(change.getByRole('status').last()).toHaveText(
      `${profile} is back as it was before the change.`,
    );
    expect(await readFile(profile, 'utf8')).toBe(original);
  });

  test('refuses to overwrite a profile changed after the preview, and shows the new preview', async ({
    page,
  }) => {
    await page.getByRole('textbox', { name: 'Name' }).fill('SUITE_RACE');
    await page.getByRole('textbox', { name: 'Value' }).fill('1');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByLabel('Diff preview')).toBeVisible();
    const edited = `${original}export EDITED_BEHIND=1\n`;
    await writeFile(profile, edited);
    await page.getByRole('button', { name: 'Write', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(
      /changed since the preview was made, so it was not overwritten/,
    );
    await expect(page.getByLabel('Diff preview')).toContainText('export EDITED_BEHIND=1');
    expect(await readFile(profile, 'utf8')).toBe(edited);
    await writeFile(profile, original);
  });

  test('explains a read-only profile and a bad name', async ({ page }) => {
    await chmod(profile, 0o444);
    await page.getByRole('textbox', { name: 'Name' }).fill('SUITE_RO');
    await page.getByRole('textbox', { name: 'Value' }).fill('x');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Write', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(
      `${profile} is read-only (mode 0444); make it writable first. Nothing was changed.`,
    );
    await chmod(profile, 0o644);
    expect(await readFile(profile, 'utf8')).toBe(original);
    await page.getByRole('textbox', { name: 'Name' }).fill('2BAD');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'A variable name is letters, digits and underscores, and does not start with a digit.',
    );
  });

  test('says where a variable is set', async ({ page }) => {
    await page.getByRole('button', { name: 'Where is GITHUB_TOKEN set' }).click();
    const panel = page.getByRole('region', { name: 'Where GITHUB_TOKEN is set' });
    await expect(panel).toContainText(`${profile}:2`);
    await expect(panel).toContainText('export GITHUB_TOKEN=••••••••');
    await expect(panel).not.toContainText('ghp_not_for_eyes');
  });

  test('says where a variable is set when one line sets it twice and a sourced file sets it again', async ({
    page,
    browserMode,
  }) => {
    await writeFile(join(browserMode.home, 'sourced.sh'), 'export SUITE_TWICE=2\n');
    await writeFile(profile, `${original}SUITE_TWICE=1 && export SUITE_TWICE\n. "$HOME/sourced.sh"\n`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: 'Where is SUITE_TWICE set' }).click({ timeout: 20_000 });
    const panel = page.getByRole('region', { name: 'Where SUITE_TWICE is set' });
    await expect(panel.getByRole('listitem').filter({ hasText: 'SUITE_TWICE' })).toHaveText([
      `${profile}:5 SUITE_TWICE=1`,
      `${profile}:5 export SUITE_TWICE`,
      `${join(browserMode.home, 'sourced.sh')}:1 export SUITE_TWICE=2`,
    ]);
    await writeFile(profile, original);
  });

  test('the table and the PATH list fit the smallest window, long names and entries wrapped', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 720, height: 700 });
    const table = page.getByRole('table', { name: 'Environment variables' });
    const overflow = await table.evaluate((element) => {
      const pane = element.parentElement!;
      return {
        pane: pane.scrollWidth - pane.clientWidth,
        page: document.documentElement.scrollWidth - innerWidth,
      };
    });
    expect(overflow).toEqual({ pane: 0, page: 0 });
    const missing = page.getByRole('list', { name: 'PATH entries' }).getByRole('listitem').first();
    // A letter per line would make the entry far taller than wide.
    const box = (await missing.locator('code').boundingBox())!;
    expect(box.width).toBeGreaterThan(box.height);
  });

  test('any change in the form hides the preview and disables Write; only the previewed value is written', async ({
    page,
  }) => {
    await page.getByRole('textbox', { name: 'Name' }).fill('JAVA_HOME');
    await page.getByRole('textbox', { name: 'Value' }).fill('/opt/jdk 21');
    await page.getByRole('button', { name: 'Preview' }).click();
    const write = page.getByRole('button', { name: 'Write', exact: true });
    await expect(page.getByLabel('Diff preview')).toContainText("+export JAVA_HOME='/opt/jdk 21'");
    await expect(write).toBeEnabled();
    await page.getByRole('textbox', { name: 'Value' }).fill('/opt/other');
    await expect(page.getByLabel('Diff preview')).toBeHidden();
    await expect(write).toBeDisabled();
    await page.getByRole('textbox', { name: 'Value' }).fill('/opt/jdk 21');
    await page.getByRole('combobox', { name: 'Change' }).selectOption('prepend');
    await expect(page.getByLabel('Diff preview')).toBeHidden();
    await expect(write).toBeDisabled();
    expect(await readFile(profile, 'utf8')).toBe(original);
  });

  test('a PATH without the system folders is written only after an explicit yes', async ({ page }) => {
    await page.getByRole('textbox', { name: 'Name' }).fill('PATH');
    await page.getByRole('textbox', { name: 'Value' }).fill('/opt/only');
    await page.getByRole('button', { name: 'Preview' }).click();
    const warning = page.locator('[data-warning="drops-system-path"]');
    await expect(warning).toContainText('PATH would no longer hold the system folders');
    await expect(warning).toHaveAttribute('data-tone', 'unknown');
    const write = page.getByRole('button', { name: 'Write', exact: true });
    await expect(write).toBeDisabled();
    const yes = page.getByRole('checkbox', { name: /Write it anyway/ });
    await yes.check();
    await expect(write).toBeEnabled();
    await yes.uncheck();
    await expect(write).toBeDisabled();
    expect(await readFile(profile, 'utf8')).toBe(original);
  });

  test('offers the command for this terminal only, quoted for each shell', async ({ page }) => {
    await page.getByRole('textbox', { name: 'Name' }).fill('SUITE_TMP');
    await page.getByRole('textbox', { name: 'Value' }).fill("a 'b'");
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('For this terminal only').click();
    const commands = page.getByRole('group', { name: 'For this terminal only' });
    await expect(commands.getByText(`export SUITE_TMP='a '\\''b'\\'''`)).toBeVisible();
    await expect(commands.getByText(`$env:SUITE_TMP = 'a ''b'''`)).toBeVisible();
  });

  test('a profile saved, enabled as one previewed change, seen by fresh shells, and undone', async ({
    page,
  }) => {
    const before = await readFile(profile, 'utf8');
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Profiles' });
    await panel.getByRole('textbox', { name: 'Profile', exact: true }).fill('e2e');
    await panel.getByRole('textbox', { name: 'Variable' }).fill('SUITE_PROFILE_E2E');
    await panel.getByRole('textbox', { name: 'Profile value' }).fill(`one 'two'`);
    await panel.getByRole('button', { name: 'Save to profile' }).click();
    await expect(panel.getByRole('button', { name: 'Enable e2e…' })).toBeVisible();
    await panel.getByRole('textbox', { name: 'Variable' }).fill('PATH');
    await panel.getByRole('textbox', { name: 'Profile value' }).fill('/opt/e2e tools');
    await panel.getByRole('combobox', { name: 'Profile change' }).selectOption('prepend');
    await panel.getByRole('button', { name: 'Save to profile' }).click();
    await expect(panel.getByText('set SUITE_PROFILE_E2E, prepend PATH')).toBeVisible();

    await panel.getByRole('button', { name: 'Enable e2e…' }).click();
    const diff = panel.getByLabel('Profile diff preview');
    await expect(diff).toContainText(`+export SUITE_PROFILE_E2E='one '\\''two'\\'''`);
    await expect(diff).toContainText(`+export PATH='/opt/e2e tools'`);
    expect(await readFile(profile, 'utf8')).toBe(before);

    await panel.getByRole('button', { name: 'Write', exact: true }).click();
    const verdict = panel.getByRole('status');
    await expect(verdict).toHaveText(/^Fresh shells see the change/, { timeout: 30_000 });
    await expect(verdict).toHaveAttribute('data-tone', 'good');
    expect(bashReads(profile, 'SUITE_PROFILE_E2E')).toBe(`one 'two'`);
    await expect(panel.getByRole('listitem').filter({ hasText: 'e2e' })).toHaveAttribute(
      'data-state',
      'enabled',
    );

    await panel.getByRole('button', { name: 'Undo' }).click();
    await expect(panel.getByText(/is back as it was before the change/)).toBeVisible();
    expect(await readFile(profile, 'utf8')).toBe(before);
  });
});
