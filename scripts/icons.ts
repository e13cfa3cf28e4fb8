import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

/** The sizes the three platforms' packages want; electron-builder makes .icns and .ico from them. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const root = fileURLToPath(new URL('..', import.meta.url));

/** Renders the one source image, assets/icon.svg, to assets/icons/NxN.png with Chromium. */
async function main(): Promise<void> {
  const svg = await readFile(join(root, 'assets/icon.svg'), 'utf8');
  const out = join(root, 'assets/icons');
  await mkdir(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      await page.screenshot({ path: join(out, `${size}x${size}.png`), omitBackground: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.main) await main();
