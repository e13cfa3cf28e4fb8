import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect } from '@playwright/test';
import { webEntry } from '../support/paths.ts';

export interface BrowserMode {
  /** The printed address, with #token=…. */
  url: string;
  origin: string;
  token: string;
  /** A temporary HOME for the server, so nothing touches the real one. */
  home: string;
}

const bashPath = execFileSync('which', ['bash'], { encoding: 'utf8' }).trim();

/** What a test may change about the browser-mode process it starts. */
export interface BrowserModeOptions {
  /** Files named on the command line, as a user opens them. */
  args?: string[];
  /** Variables over the runner's own (TZDIR, say). */
  env?: NodeJS.ProcessEnv;
  /** The folder the files are named from; the runner's own by default. */
  cwd?: string;
}

/** Starts `src-main/web/main.ts` (what `npm run web` runs after building) and reads its one line. */
export async function startBrowserMode(
  home: string,
  options: BrowserModeOptions = {},
): Promise<{ mode: BrowserMode; child: ChildProcess }> {
  const child = spawn(process.execPath, [webEntry, ...(options.args ?? [])], {
    // bash, whatever the runner's own SHELL is (CI machines may have none).
    env: { ...process.env, HOME: home, USERPROFILE: home, SHELL: bashPath, ...options.env },
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}`)));
  });
  const match = /^Suite listening at (http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)$/.exec(line);
  if (!match) throw new Error(`unexpected first line: ${line}`);
  return {
    mode: { url: `${match[1]}/#token=${match[2]}`, origin: match[1]!, token: match[2]!, home },
    child,
  };
}

export const test = base.extend<object, { browserMode: BrowserMode }>({
  browserMode: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructured fixture argument.
    async ({}, use) => {
      const home = await mkdtemp(join(tmpdir(), 'suite-e2e-home-'));
      const { mode, child } = await startBrowserMode(home);
      await use(mode);
      child.kill();
      await rm(home, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect };
