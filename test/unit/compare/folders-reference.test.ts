/**
 * `suite compare DIR DIR` against `diff -rq` on trees generated here, for shapes where the two
 * disagreed: special files on both sides and a type change. Same lines, same exit code.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEntry } from '../../support/paths.ts';
import { tempDir } from '../../support/temp.ts';

function bothWays(a: string, b: string) {
  const reference = spawnSync('diff', ['-rq', a, b], { encoding: 'utf8' });
  const suite = spawnSync(process.execPath, [cliEntry, 'compare', a, b], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    reference: { code: reference.status, lines: reference.stdout },
    suite: { code: suite.status, lines: suite.stdout },
  };
}

describe('suite compare DIR DIR like diff -rq', () => {
  it('a FIFO at the same path in both trees is not "identical": diff -rq reports it and exits 1', async () => {
    const dir = await tempDir('folders-fifo');
    for (const side of ['a', 'b']) {
      await mkdir(join(dir, side));
      await writeFile(join(dir, side, 'same.txt'), 'same');
      spawnSync('mkfifo', [join(dir, side, 'pipe')]);
    }
    const { reference, suite } = bothWays(join(dir, 'a'), join(dir, 'b'));
    expect(reference.code).toBe(1);
    expect(suite).toEqual(reference);
  });

  it('a file in one tree and a folder in the other, in diff words', async () => {
    const dir = await tempDir('folders-type');
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b', 'entry'), { recursive: true });
    await writeFile(join(dir, 'a', 'entry'), 'a file');
    await writeFile(join(dir, 'b', 'entry', 'inside'), 'x');
    const { reference, suite } = bothWays(join(dir, 'a'), join(dir, 'b'));
    expect(reference.code).toBe(1);
    expect(suite).toEqual(reference);
  });
});
