import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPathEntries } from '../../../src-main/tools/env/path-inspect.ts';
import { tempDir } from '../../support/temp.ts';

async function program(folder: string, name: string, mode = 0o755): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, name), '#!/bin/sh\n');
  await chmod(join(folder, name), mode);
}

/** bash's own answer: every place `type -ap` finds the command, in PATH order. */
function bashFinds(path: string, command: string): string[] {
  const out = execFileSync(
    'bash',
    ['--norc', '--noprofile', '-c', 'PATH=$2; type -ap -- "$1" || true', 'bash', command, path],
    {
      encoding: 'utf8',
    },
  );
  return out.split('\n').filter((line) => line !== '');
}

describe('PATH entries inspected as bash finds commands in them', () => {
  it('names existence, folders, duplicates and each shadowed command, as `type -ap` orders them', async () => {
    const root = await tempDir('path-inspect');
    const first = join(root, 'first dir');
    const second = join(root, 'second');
    const third = join(root, 'third');
    await program(first, 'python3');
    await program(first, 'only-first');
    await program(second, 'python3');
    await program(second, 'tool');
    await program(second, 'not-run', 0o644);
    await program(third, 'tool');
    await program(third, 'python3');
    await program(third, 'not-run');
    await program(join(third, 'sub'), 'x');
    await writeFile(join(root, 'a-file'), 'not a folder');
    await symlink(first, join(root, 'link-to-first'));
    const entries = [
      first,
      join(root, 'missing'),
      second,
      join(root, 'a-file'),
      join(root, 'link-to-first'),
      third,
      first,
    ];
    const result = await inspectPathEntries(entries, 'linux');
    expect(result.map(({ exists, isFolder, duplicateOf }) => ({ exists, isFolder, duplicateOf }))).toEqual([
      { exists: true, isFolder: true, duplicateOf: null },
      { exists: false, isFolder: false, duplicateOf: null },
      { exists: true, isFolder: true, duplicateOf: null },
      { exists: true, isFolder: false, duplicateOf: null },
      { exists: true, isFolder: true, duplicateOf: 0 },
      { exists: true, isFolder: true, duplicateOf: null },
      { exists: true, isFolder: true, duplicateOf: 0 },
    ]);

    // Every command: the entry bash runs it from shadows the next different folder that has it.
    const path = entries.join(':');
    for (const command of ['python3', 'tool', 'not-run', 'only-first', 'x']) {
      const found = bashFinds(path, command).map((file) => dirname(file));
      const winner = found[0];
      const hidden = found.find((folder) => realpathSync(folder) !== realpathSync(winner ?? folder));
      const shadowing = result.flatMap((entry) =>
        entry.shadows
          .filter((shadow) => shadow.command === command)
          .map((shadow) => ({ entry: entry.value, ...shadow })),
      );
      expect(shadowing, command).toEqual(hidden ? [{ entry: winner, command, hiddenIn: hidden }] : []);
    }
  });
});
