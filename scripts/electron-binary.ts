import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const executableNames: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'electron',
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

export const electronPackageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));

/**
 * The Electron executable if it is on disk (downloaded, or ELECTRON_OVERRIDE_DIST_PATH), else null.
 * Unlike `require('electron')` it never starts a download.
 */
export function findElectronBinary(): string | null {
  const pathFile = join(electronPackageDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : executableNames[process.platform];
  if (!name) return null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, name) : join(electronPackageDir, 'dist', name);
  return existsSync(binary) ? binary : null;
}

/**
 * The executables `npm run dist` left unpacked in dist/ (linux-unpacked, win-unpacked, mac*), the
 * binaries whose fuses packaging flipped. Empty when nothing was packaged on this machine.
 */
export function findPackagedBinaries(distDir: string): string[] {
  if (!existsSync(distDir)) return [];
  return readdirSync(distDir).flatMap((folder) => {
    const dir = join(distDir, folder);
    const candidates = folder.startsWith('mac')
      ? readdirSync(dir)
          .filter((name) => name.endsWith('.app'))
          .map((app) => join(dir, app))
      : folder.endsWith('-unpacked')
        ? [join(dir, 'devutil-suite'), join(dir, 'DevUtil Suite.exe')]
        : [];
    return candidates.filter((candidate) => existsSync(candidate));
  });
}
