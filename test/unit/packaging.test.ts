import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { builderConfig } from '../../electron.config.ts';
import { ICON_SIZES } from '../../scripts/icons.ts';
import { repoRoot } from '../support/paths.ts';

const schema = JSON.parse(
  readFileSync(join(repoRoot, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as object;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const header = readFileSync(path).subarray(0, 24);
  expect(header.subarray(1, 4).toString()).toBe('PNG');
  return [header.readUInt32BE(16), header.readUInt32BE(20)];
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

  it('has the targets of every platform, both Mac architectures, and the checksum file associations', () => {
    expect(builderConfig.linux?.target).toEqual(['AppImage', 'deb']);
    expect(builderConfig.win?.target).toEqual(['nsis', 'portable']);
    expect(builderConfig.mac?.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    const associations = Array.isArray(builderConfig.fileAssociations)
      ? builderConfig.fileAssociations
      : [builderConfig.fileAssociations];
    expect(associations[0]?.ext).toContain('sha256');
  });

  it('packages what the app runs: the built main entry is package.json’s main', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/main.js');
    expect(builderConfig.files).toContain('out/**/*');
  });
});
