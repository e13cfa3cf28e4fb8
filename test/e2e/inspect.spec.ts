import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import type { Server } from 'node:tls';
import { DAYS, issue } from '../support/test-pki.ts';
import { expect, test } from './fixtures.ts';

test.describe('System Inspect', () => {
  test.beforeEach(async ({ page, browserMode }) => {
    await page.goto(browserMode.url);
    await page.keyboard.press('Control+4');
  });

  test('shows the overview, the openssl that runs, and the libraries', async ({ page }) => {
    await expect(page.getByRole('table', { name: 'System overview' })).toContainText(process.versions.node);
    const openssl = page.getByRole('table', { name: 'OpenSSL executables' });
    const version = execFileSync('openssl', ['version'], { encoding: 'utf8' }).split(' ')[1]!;
    await expect(openssl.getByRole('row').filter({ hasText: 'runs when you type openssl' })).toContainText(
      version,
    );
    await expect(page.getByRole('table', { name: 'Libraries' })).toContainText('libcrypto');
  });

  test('exports a section as JSON and Markdown', async ({ page }) => {
    await expect(page.getByRole('table', { name: 'OpenSSL executables' })).toBeVisible();
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export OpenSSL as JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toBe('openssl.json');
    const report = JSON.parse(await readFile((await json.path())!, 'utf8')) as { executables: unknown[] };
    expect(report.executables.length).toBeGreaterThan(0);
    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export OpenSSL as Markdown' }).click(),
    ]);
    expect(await readFile((await markdown.path())!, 'utf8')).toMatch(
      /^## OpenSSL\n\n\| Executable \| Version/,
    );
  });

  test("lists the real Python's packages as a tree, and the reverse tree", async ({ page }) => {
    const python = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();
    const count = (
      JSON.parse(
        execFileSync(python, ['-m', 'pip', 'list', '--format=json', '--disable-pip-version-check'], {
          encoding: 'utf8',
        }),
      ) as unknown[]
    ).length;
    await expect(page.getByText(/distributions in/)).toBeVisible({ timeout: 20_000 });
    await page.getByRole('textbox', { name: 'Or a venv / python' }).fill(python);
    await page.getByRole('button', { name: 'Inspect', exact: true }).click();
    await expect(page.getByText(`${count} distributions in ${python}`)).toBeVisible({ timeout: 20_000 });
    await page.getByRole('searchbox', { name: 'Filter' }).fill('pip');
    await expect(page.getByRole('list', { name: 'Dependency tree' })).toContainText('pip');
    await page.getByRole('checkbox', { name: /Reverse/ }).check();
    await expect(page.getByRole('list', { name: 'Reverse dependency tree' })).toBeVisible();
  });

  test('answers why a package is installed, and downloads requirements.txt as pip freeze writes it', async ({
    page,
    browserMode,
  }) => {
    const python = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();
    const venv = join(browserMode.home, 'why-venv');
    execFileSync(python, ['-m', 'venv', '--without-pip', venv]);
    const site = execFileSync(
      join(venv, 'bin', 'python'),
      ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'],
      {
        encoding: 'utf8',
      },
    ).trim();
    for (const [name, requires] of [
      ['web', ['http>=2']],
      ['http', ['idna']],
      ['idna', []],
    ] as const) {
      await mkdir(join(site, `${name}-1.0.dist-info`));
      await writeFile(
        join(site, `${name}-1.0.dist-info`, 'METADATA'),
        [
          `Metadata-Version: 2.1`,
          `Name: ${name}`,
          'Version: 1.0',
          ...requires.map((r) => `Requires-Dist: ${r}`),
          '',
        ].join('\n'),
      );
    }
    await expect(page.getByText(/distributions in/)).toBeVisible({ timeout: 20_000 });
    await page.getByRole('textbox', { name: 'Or a venv / python' }).fill(venv);
    await page.getByRole('button', { name: 'Inspect', exact: true }).click();
    const conflict = page.getByRole('list', { name: 'Conflicts' }).getByRole('listitem');
    await expect(conflict).toHaveText('web 1.0 has requirement http>=2, but you have http 1.0.', {
      timeout: 20_000,
    });
    await expect(conflict).toHaveAttribute('data-verdict', 'conflict');

    await page.getByRole('textbox', { name: 'Why is it installed?' }).fill('IDNA');
    await page.getByRole('button', { name: 'Why?' }).click();
    await expect(page.getByRole('list', { name: 'Why is idna installed' })).toHaveText('web → http → idna');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'requirements.txt' }).click(),
    ]);
    const pipFreeze = execFileSync(
      python,
      ['-m', 'pip', 'freeze', '--path', site, '--disable-pip-version-check'],
      {
        encoding: 'utf8',
      },
    );
    expect(await readFile((await download.path())!, 'utf8')).toBe(pipFreeze);
  });

  test("says why a program won't load: the libcrypto it needs is gone, with the fix", async ({
    page,
    browserMode,
  }) => {
    const dir = join(browserMode.home, 'old-app');
    await mkdir(join(dir, 'lib'), { recursive: true });
    await writeFile(join(dir, 'old.c'), 'int CRYPTO_old(void) { return 0; }\n');
    await writeFile(join(dir, 'main.c'), 'int CRYPTO_old(void);\nint main(void) { return CRYPTO_old(); }\n');
    const library = join(dir, 'lib', 'libcrypto.so.1.0.0');
    execFileSync('cc', [
      '-shared',
      '-fPIC',
      join(dir, 'old.c'),
      '-o',
      library,
      '-Wl,-soname,libcrypto.so.1.0.0',
    ]);
    execFileSync('cc', [
      join(dir, 'main.c'),
      '-o',
      join(dir, 'app'),
      library,
      `-Wl,-rpath,${join(dir, 'lib')}`,
    ]);
    await rm(library);

    await page.getByRole('textbox', { name: 'Program, library, Python or command' }).fill(join(dir, 'app'));
    await page.getByRole('button', { name: 'Diagnose' }).click();
    const row = page
      .getByRole('table', { name: `Libraries of ${join(dir, 'app')}` })
      .getByRole('row', { name: /libcrypto\.so\.1\.0\.0/ });
    await expect(row.getByText('missing', { exact: true })).toHaveAttribute('data-verdict', 'missing');
    await expect(page.getByRole('list', { name: `How to fix ${join(dir, 'app')}` })).toContainText(
      'app needs libcrypto.so.1.0.0, which is nowhere on its search path',
    );
  });

  test('checks a folder of library files: a text file named like a library is no library', async ({
    page,
    browserMode,
  }) => {
    const dir = join(browserMode.home, 'libs');
    await mkdir(join(dir, 'libssl.so.4'), { recursive: true });
    await writeFile(join(dir, 'libcrypto.so.3'), 'not a library\n');
    await page.getByRole('textbox', { name: 'Check a folder' }).fill(dir);
    await page.getByRole('button', { name: 'Check folder' }).click();
    const table = page.getByRole('table', { name: 'Libraries' });
    const text = table.getByRole('row', { name: /libcrypto\.so\.3/ }).locator('[data-verdict]');
    await expect(text).toHaveAttribute('data-verdict', 'improper');
    await expect(text).toContainText('not a shared library');
    await expect(table.getByRole('row', { name: /libssl\.so\.4/ }).locator('[data-verdict]')).toHaveText(
      'a folder, not a library',
    );
  });

  test('inspects a live TLS server on 127.0.0.1, and a bad target fails only its own section', async ({
    page,
    browserMode,
  }) => {
    const root = await issue({ name: 'E2E Root', ca: true, days: 365 });
    const leaf = await issue({ name: 'localhost', issuer: root, ips: ['127.0.0.1'], days: 10 });
    await writeFile(join(browserMode.home, 'root.pem'), root.pem);
    const server: Server = createServer({ key: leaf.keyPem, cert: leaf.pem }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await page.getByRole('textbox', { name: 'Certificate or host' }).fill(`127.0.0.1:${port}`);
      await page
        .getByRole('textbox', { name: 'Extra CA (optional)' })
        .fill(join(browserMode.home, 'root.pem'));
      await page.getByRole('button', { name: 'Inspect certificate' }).click();
      const chain = page.getByRole('table', { name: 'Certificates as sent' });
      await expect(chain).toContainText('localhost');
      const daysLeft = Math.trunc((leaf.certificate.notAfter.getTime() - Date.now()) / DAYS);
      await expect(chain).toContainText(`${daysLeft} of 10 days left`);
      const verdict = page.getByRole('status').filter({ hasText: 'Verified' });
      await expect(verdict).toHaveAttribute('data-verdict', 'verified');
      await expect(verdict).toHaveAttribute('data-tone', 'good');
      await expect(
        page.getByText(`The chain verifies up to E2E Root (from ${join(browserMode.home, 'root.pem')}).`),
      ).toBeVisible();
      await expect(page.getByText('Host name 127.0.0.1 matches.')).toBeVisible();

      // Without the private root: OpenSSL's error 20 and its number, in red.
      await page.getByRole('textbox', { name: 'Extra CA (optional)' }).fill('');
      await page.getByRole('button', { name: 'Inspect certificate' }).click();
      const untrusted = page.getByRole('status').filter({ hasText: 'Not trusted' });
      await expect(untrusted).toHaveAttribute('data-verdict', 'untrusted');
      await expect(untrusted).toHaveAttribute('data-tone', 'bad');
      await expect(page.getByRole('list', { name: 'Verification errors' })).toContainText(
        'OpenSSL error 20 at depth 0: unable to get local issuer certificate.',
      );

      await page
        .getByRole('textbox', { name: 'Certificate or host' })
        .fill(join(browserMode.home, 'no-such.pem'));
      await page.getByRole('button', { name: 'Inspect certificate' }).click();
      await expect(page.getByRole('alert')).toHaveText(
        `${join(browserMode.home, 'no-such.pem')} is neither a file nor host:port.`,
      );
      await expect(page.getByRole('table', { name: 'OpenSSL executables' })).toBeVisible();
    } finally {
      server.close();
    }
  });
  test('checks a folder of certificates in one table, soonest expiry first', async ({
    page,
    browserMode,
  }) => {
    const root = await issue({ name: 'Fleet Root', ca: true, days: 365 });
    const later = await issue({ name: 'later.test', issuer: root, dns: ['later.test'], days: 200 });
    const soon = await issue({
      name: 'soon.test',
      issuer: root,
      dns: ['soon.test'],
      from: Date.now() - 80 * DAYS,
      days: 90,
    });
    const folder = join(browserMode.home, 'fleet');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'later.pem'), later.pem);
    await writeFile(join(folder, 'soon.pem'), soon.pem);
    await writeFile(join(browserMode.home, 'fleet-root.pem'), root.pem);
    await page.getByRole('textbox', { name: 'Folder of certificates' }).fill(folder);
    await page
      .getByRole('textbox', { name: 'Extra CA for the list' })
      .fill(join(browserMode.home, 'fleet-root.pem'));
    await page.getByRole('button', { name: 'Check all' }).click();
    const rows = page.getByRole('table', { name: 'Certificates, soonest expiry first' }).getByRole('row');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(1)).toContainText('soon.test');
    await expect(rows.nth(1).locator('[data-verdict]')).toHaveAttribute('data-verdict', 'renew-soon');
    await expect(rows.nth(1).locator('[data-verdict]')).toHaveAttribute('data-tone', 'unknown');
    await expect(rows.nth(2)).toContainText('later.test');
    await expect(rows.nth(2).locator('[data-verdict]')).toHaveAttribute('data-verdict', 'verified');
  });
});
