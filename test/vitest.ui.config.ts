import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './support/chromium.ts';

/**
 * UI tests: the renderer's real Svelte 5 components, compiled as the app compiles them, rendered in
 * Debian's Chromium (Vitest browser mode, Playwright provider) with a fake `window.suite`.
 */
export default defineConfig({
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
  // No PostCSS (as in the app's build); inline, so Vite does not go looking for a config file.
  css: { postcss: {} },
  test: {
    root: '.',
    include: ['test/ui/**/*.test.ts'],
    setupFiles: ['test/ui/support/setup.ts'],
    // Generous for a busy 2-core machine; the tests wait for conditions, never for set times.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    expect: { poll: { timeout: 10_000 } },
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            ...chromiumArgs,
            // Offline by construction: any host name but the test server's resolves to nothing, so a
            // component that reached past the fake bridge fails its test instead of going out.
            '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
          ],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
