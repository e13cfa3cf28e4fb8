import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
  dev?: boolean;
}

const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};
const installedNode = (
  JSON.parse(readFileSync(join(repoRoot, 'node_modules/node/package.json'), 'utf8')) as { version: string }
).version;

/**
 * .npmrc keeps npm's engine warnings quiet because npm compares against the Node running npm, not the
 * Node 24 that runs the code. This is the check npm would make, against the right Node.
 */
describe('engines', () => {
  it('every installed package accepts the Node the scripts run on (the `node` devDependency)', () => {
    const refused = Object.entries(lock.packages)
      .filter(([, entry]) => !entry.optional && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !semver.satisfies(installedNode, (entry.engines as { node: string }).node))
      .map(
        ([path, entry]) =>
          `${path || 'devutil-suite'} wants node ${(entry.engines as { node: string }).node}`,
      );
    expect(refused).toEqual([]);
  });
});
