import { readFile } from 'node:fs/promises';
import { arch, release, type, version as osVersion } from 'node:os';
import { basename } from 'node:path';
import type { SystemOverview } from '../../contract/inspect.ts';
import pkg from '../../../package.json' with { type: 'json' };
import { markdownTable } from './markdown.ts';
import { runCommand } from './run-command.ts';

async function osName(): Promise<{ name: string; version: string }> {
  if (process.platform === 'linux') {
    const text = await readFile('/etc/os-release', 'utf8').catch(() => '');
    const field = (key: string) => new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1];
    return { name: field('NAME') ?? 'Linux', version: field('VERSION') ?? field('VERSION_ID') ?? '' };
  }
  if (process.platform === 'darwin') {
    const product = await runCommand('sw_vers', ['-productVersion'], 3000).catch(() => null);
    return { name: 'macOS', version: product?.stdout.trim() ?? '' };
  }
  return { name: type(), version: osVersion() };
}

export async function systemOverview(): Promise<SystemOverview> {
  const os = await osName();
  const shell = process.env.SHELL ?? process.env.ComSpec ?? 'unknown';
  const versions = [
    { label: pkg.productName, version: pkg.version },
    ...(
      [
        ['Electron', 'electron'],
        ['Chromium', 'chrome'],
        ['Node.js', 'node'],
        ['V8', 'v8'],
        ['ICU', 'icu'],
        ['tz database (ICU)', 'tz'],
        ['OpenSSL linked by the app', 'openssl'],
      ] as const
    )
      .filter(([, key]) => process.versions[key])
      .map(([label, key]) => ({ label, version: process.versions[key]! })),
  ];
  const rows: [string, string][] = [
    ['Operating system', `${os.name} ${os.version}`.trim()],
    ['Architecture', arch()],
    ['Kernel', `${type()} ${release()}`],
    ['Shell', `${basename(shell)} (${shell})`],
    ...versions.map(({ label, version }): [string, string] => [label, version]),
  ];
  return {
    os,
    arch: arch(),
    kernel: `${type()} ${release()}`,
    shell,
    versions,
    flagged: false,
    markdown: `## System\n\n${markdownTable(['What', 'Value'], rows)}\n`,
  };
}
