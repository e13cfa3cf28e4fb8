import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { findPackagedBinaries } from '../../scripts/electron-binary.ts';
import { readFuses } from '../../scripts/fuses.ts';
import { repoRoot } from '../support/paths.ts';

const packaged = findPackagedBinaries(join(repoRoot, 'dist'));

test.skip(
  packaged.length === 0,
  'No packaged app in dist/ ("npm run dist" needs a network to fetch Electron); ' +
    'the fuses are checked on a stand-in binary in test/unit/packaging.test.ts.',
);

test('the packaged app has the security fuses flipped', async () => {
  for (const binary of packaged) {
    expect(await readFuses(binary), binary).toMatchObject({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      GrantFileProtocolExtraPrivileges: 'off',
    });
  }
});
