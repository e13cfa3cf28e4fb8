import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time under the given paths (files or folders). */
function newest(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) continue;
    if (info.isDirectory()) {
      latest = Math.max(latest, newest(readdirSync(path).map((name) => join(path, name))));
    } else latest = Math.max(latest, info.mtimeMs);
  }
  return latest;
}

/** Builds main, preload and renderer with electron-vite unless the output is newer than every source. */
export function ensureBuilt(force = false): void {
  const sources = ['src-main', 'src-renderer', 'electron.config.ts', 'package.json'].map((p) =>
    join(root, p),
  );
  const outputs = ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'].map((p) =>
    join(root, p),
  );
  const built = Math.min(...outputs.map((p) => statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0));
  if (!force && built > newest(sources)) return;
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
}

if (import.meta.main) ensureBuilt(process.argv.includes('--force'));
