import { arch, platform } from 'node:process';
import type { AppInfo } from '../../contract/app.ts';
import pkg from '../../../package.json' with { type: 'json' };

const shownVersions = ['node', 'v8', 'electron', 'chrome', 'openssl', 'icu', 'tz', 'unicode'];

export function appInfo(face: AppInfo['face']): AppInfo {
  const versions: Record<string, string> = {};
  for (const name of shownVersions) {
    const value = process.versions[name];
    if (value) versions[name] = value;
  }
  return { name: pkg.productName, version: pkg.version, face, platform, arch, versions };
}
