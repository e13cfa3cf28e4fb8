import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_STAMP, MAIN_SOURCES, buildIsCurrent } from './build-freshness.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds main (the app's main process and the CLI), preload and renderer with electron-vite unless
 * the build is newer than every source. The stamp is written last, so a build cut short is not
 * taken for a whole one.
 */
export function ensureBuilt(force = false): void {
  if (!force && buildIsCurrent(root, [...MAIN_SOURCES, 'src-renderer'])) return;
  rmSync(join(root, BUILT_STAMP), { force: true });
  // Build output goes to stderr so that stdout carries only what the caller prints.
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '--config',
      'electron.config.ts',
    ],
    { cwd: root, stdio: ['ignore', process.stderr, process.stderr] },
  );
  if (result.status !== 0) {
    process.stderr.write('The build failed; see the messages above.\n');
    process.exit(1);
  }
  writeFileSync(join(root, BUILT_STAMP), `${new Date().toISOString()}\n`);
}

if (import.meta.main) ensureBuilt(process.argv.includes('--force'));
