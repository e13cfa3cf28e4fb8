import { expect, test } from './fixtures.ts';

const toolNames = ['File Compare', 'Zone Convert', 'Env Settings', 'System Inspect'];

test('lists the four tools and connects to the suite', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  const nav = page.getByRole('navigation', { name: 'Tools' });
  await expect(nav.getByRole('listitem').getByRole('button')).toHaveText(
    toolNames.map((name) => new RegExp(`^${name}`)),
  );
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText(
    'Browser mode · DevUtil Suite',
  );
  // The token leaves the address bar once read.
  expect(page.url()).not.toContain('token=');
});

test('switches tools by click and with Ctrl+1..4', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  await page.getByRole('button', { name: /^Zone Convert/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zone Convert');
  await expect(page.getByRole('button', { name: /^Zone Convert/ })).toHaveAttribute('aria-current', 'page');
  for (const [index, name] of toolNames.entries()) {
    await page.keyboard.press(`Control+${index + 1}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  }
});

test('is reachable from the keyboard alone', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^File Compare/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zone Convert');
});

test('follows the OS colour scheme', async ({ page, browserMode }) => {
  const background = async () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(browserMode.url);
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(light).toBe('rgb(246, 247, 249)');
  expect(dark).toBe('rgb(27, 29, 33)');
});

test('runs under its strict CSP with no error in the console', async ({ page, browserMode }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(browserMode.url);
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Browser mode');
  for (const index of [1, 2, 3, 4]) await page.keyboard.press(`Control+${index}`);
  expect(problems).toEqual([]);
  // An inline script injected into the page must be blocked and reported as a violation.
  const verdict = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string }>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) =>
          resolve({ ran: 'injected' in window, violated: event.violatedDirective }),
        );
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.head.append(script);
      }),
  );
  expect(verdict).toEqual({ ran: false, violated: 'script-src-elem' });
  // And no remote origin: a request elsewhere is blocked by connect-src before it leaves the page.
  const remote = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), {
          once: true,
        });
        fetch('https://example.com/').catch(() => undefined);
      }),
  );
  expect(remote).toBe('connect-src');
});

test('without the token, says how to get in instead of failing silently', async ({ page, browserMode }) => {
  await page.goto(browserMode.origin + '/');
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(
    /This page has no valid token\. Open the address that "npm run web" printed/,
  );
});

test('About names the app, its version and the versions it runs on', async ({ page, browserMode }) => {
  await page.goto(browserMode.url);
  await page.getByRole('button', { name: 'About' }).click();
  const about = page.getByRole('dialog', { name: 'About DevUtil Suite' });
  await expect(about).toContainText('Version 0.1.0');
  await expect(about).toContainText('MIT licence');
  await expect(about).toContainText(`Node.js ${process.versions.node}`);
  await page.keyboard.press('Escape');
  await expect(about).toBeHidden();
});

test('every tool fits the smallest window, with nothing pushed past its edge', async ({
  page,
  browserMode,
}) => {
  // The Electron window's minimum width (src-main/electron/main.ts).
  await page.setViewportSize({ width: 720, height: 800 });
  await page.goto(browserMode.url);
  const loaded: Record<string, () => Promise<void>> = {
    'Env Settings': () =>
      expect(page.getByRole('status').filter({ hasText: 'From a fresh' })).toBeVisible({ timeout: 20_000 }),
    'System Inspect': () => expect(page.getByText(/distributions in/)).toBeVisible({ timeout: 20_000 }),
  };
  for (const [index, name] of toolNames.entries()) {
    await page.keyboard.press(`Control+${index + 1}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await loaded[name]?.();
    // Elements that neither scroll nor clip but are wider than their box push content out of view.
    const overflowing = await page.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll('main *')]
        .filter(
          (element) =>
            element.scrollWidth > element.clientWidth + 1 &&
            element.clientWidth > 0 &&
            (element === document.documentElement || getComputedStyle(element).overflowX === 'visible'),
        )
        .map(
          (element) =>
            `${element.tagName.toLowerCase()}.${element.className} by ${element.scrollWidth - element.clientWidth}px`,
        ),
    );
    expect(overflowing, name).toEqual([]);
  }
});
