import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.ts';
import { electronPackageDir, findElectronBinary } from './electron-binary.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `npm start`: the desktop app, or browser mode where Electron's binary cannot be had. */
function main(): void {
  ensureBuilt();
  let binary = findElectronBinary();
  if (!binary) {
    // Electron fetches its binary on first use; try once, quietly, with a time limit.
    spawnSync(process.execPath, [join(electronPackageDir, 'install.js')], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    binary = findElectronBinary();
  }
  if (binary) {
    const app = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
    app.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  process.stderr.write(
    'The Electron binary is missing and could not be downloaded, so the suite starts in browser mode instead.\n',
  );
  const web = spawn(process.execPath, [join(root, 'src-main/web/main.ts'), '--open'], { stdio: 'inherit' });
  web.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => web.kill(signal));
}

main();
