import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SENTINEL } from '@electron/fuses/dist/constants.js';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { TargetConfiguration } from 'electron-builder';
import { builderConfig } from '../../electron.config.ts';
import { findPackagedBinaries } from '../../scripts/electron-binary.ts';
import { flipConfiguredFuses, readFuses } from '../../scripts/fuses.ts';
import { ICON_SIZES } from '../../scripts/icons.ts';
import { routeOpenedFiles } from '../../src-main/tools/app/opened-files.ts';
import { repoRoot } from '../support/paths.ts';
import { tempDir } from '../support/temp.ts';

const schema = JSON.parse(
  readFileSync(join(repoRoot, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as object;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const header = readFileSync(path).subarray(0, 24);
  expect(header.subarray(1, 4).toString()).toBe('PNG');
  return [header.readUInt32BE(16), header.readUInt32BE(20)];
}

type Targets = string | TargetConfiguration | (string | TargetConfiguration)[] | null;

/** "Platform target" for each target of a platform's configuration, names lower-cased. */
function targetNames(platform: string, targets: Targets | undefined): string[] {
  return [targets ?? []]
    .flat()
    .map((target) => `${platform} ${(typeof target === 'string' ? target : target.target).toLowerCase()}`);
}

/** "Platform target" for each row of the README's installer table. */
function readmeTargets(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| Platform | Target'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return rows.map((row) => {
    const [platform, target] = row
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim());
    return `${platform} ${target!.toLowerCase()}`;
  });
}

describe('electron-builder configuration', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, builderConfig);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names only files that exist, icons at the sizes their names say', () => {
    const icons = [builderConfig.mac?.icon, builderConfig.win?.icon, builderConfig.linux?.icon].filter(
      (icon): icon is string => typeof icon === 'string',
    );
    for (const icon of icons) expect(existsSync(join(repoRoot, icon)), icon).toBe(true);
    expect(statSync(join(repoRoot, builderConfig.linux!.icon as string)).isDirectory()).toBe(true);
    for (const size of ICON_SIZES)
      expect(pngSize(join(repoRoot, 'assets/icons', `${size}x${size}.png`))).toEqual([size, size]);
    expect(existsSync(join(repoRoot, builderConfig.directories!.buildResources!))).toBe(true);
  });

  it('builds every installer the README promises, and nothing it does not', () => {
    // The README's table is what users are told they can download; the config must produce exactly that.
    const promised = readmeTargets();
    const configured = [
      ...targetNames('Linux', builderConfig.linux?.target),
      ...targetNames('macOS', builderConfig.mac?.target),
      ...targetNames('Windows', builderConfig.win?.target),
    ];
    expect(configured.sort()).toEqual(promised.sort());
  });

  it('builds every macOS target for both Intel and Apple silicon', () => {
    const targets = builderConfig.mac?.target;
    expect(Array.isArray(targets) && targets.length > 0).toBe(true);
    for (const target of targets as TargetConfiguration[])
      expect(new Set(target.arch as string[]), target.target).toEqual(new Set(['x64', 'arm64']));
  });

  it('associates only files that the app opens in checksum verification', async () => {
    const associations = [builderConfig.fileAssociations ?? []].flat();
    const extensions = associations.flatMap((association) => [association.ext].flat());
    expect(extensions.length).toBeGreaterThan(0);
    for (const ext of extensions) {
      // The file need not exist: a checksum file is known by its name first.
      const route = await routeOpenedFiles([`release.${ext}`], tmpdir());
      expect(route?.tool, ext).toBe('verify');
    }
  });

  it('packages what the app runs: the built main entry is package.json’s main', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/main.js');
    expect(builderConfig.files).toContain('out/**/*');
  });
});

describe('Electron Fuses', () => {
  it('packaging turns off RunAsNode, NODE_OPTIONS, --inspect and file:// privileges, and turns on the asar and cookie fuses', async () => {
    // A stand-in for the Electron binary: its fuse wire as Electron ships it (the sentinel, wire
    // version 1, eight fuses, RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on).
    const binary = join(await tempDir('fuses'), 'electron');
    const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);
    await writeFile(binary, Buffer.concat([Buffer.alloc(4096, 0x7f), wire, Buffer.alloc(4096, 0x7f)]));
    expect(await readFuses(binary)).toMatchObject({ RunAsNode: 'on', OnlyLoadAppFromAsar: 'off' });

    await flipConfiguredFuses(binary, builderConfig);
    expect(await readFuses(binary)).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      LoadBrowserProcessSpecificV8Snapshot: 'off',
      GrantFileProtocolExtraPrivileges: 'off',
    });
  });

  it('packs the app into an asar, which OnlyLoadAppFromAsar requires', () => {
    expect(builderConfig.asar).not.toBe(false);
  });
});

describe('packaged apps in dist/', () => {
  it('are found where electron-builder unpacks them, for the fuse check', async () => {
    const dist = await tempDir('dist');
    const linux = join(dist, 'linux-unpacked', 'devutil-suite');
    const mac = join(dist, 'mac-arm64', 'DevUtil Suite.app');
    await mkdir(dirname(linux), { recursive: true });
    await writeFile(linux, '');
    await mkdir(mac, { recursive: true });
    await mkdir(join(dist, 'linux-unpacked', 'resources'));
    expect(findPackagedBinaries(dist).sort()).toEqual([linux, mac].sort());
    expect(findPackagedBinaries(join(dist, 'nothing-here'))).toEqual([]);
  });
});
