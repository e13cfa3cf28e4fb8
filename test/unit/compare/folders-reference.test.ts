/**
 * `suite compare DIR DIR` against `diff -rq` on trees generated here, for shapes where the two
 * disagreed: special files on both sides and a type change. Same lines, same exit code.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEntry } from '../../support/paths.ts';
import { tempDir } from '../../support/temp.ts';

/** Root reads any folder whatever its mode: both tools run as `nobody` then. */
const AS_USER = process.getuid?.() === 0 ? ['--reuid=65534', '--regid=65534', '--clear-groups'] : null;

function asUser(command: string, args: string[]) {
  const [file, argv] = AS_USER ? ['setpriv', [...AS_USER, command, ...args]] : [command, args];
  return spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
}

function bothWays(a: string, b: string) {
  const reference = asUser('diff', ['-rq', a, b]);
  const suite = asUser(process.execPath, [cliEntry, 'compare', a, b]);
  return {
    reference: { code: reference.status, lines: reference.stdout },
    suite: { code: suite.status, lines: suite.stdout },
  };
}

describe('suite compare DIR DIR like diff -rq', () => {
  it('a FIFO at the same path in both trees is not "identical": diff -rq reports it and exits 1', async () => {
    const dir = await tempDir('folders-fifo');
    await chmod(dir, 0o755);
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
    await chmod(dir, 0o755);
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b', 'entry'), { recursive: true });
    await writeFile(join(dir, 'a', 'entry'), 'a file');
    await writeFile(join(dir, 'b', 'entry', 'inside'), 'x');
    const { reference, suite } = bothWays(join(dir, 'a'), join(dir, 'b'));
    expect(reference.code).toBe(1);
    expect(suite).toEqual(reference);
  });

  it('a folder that cannot be listed: its name on stderr, nothing said of what the other side holds there, exit 2', async () => {
    const dir = await tempDir('folders-locked');
    await chmod(dir, 0o755);
    for (const side of ['a', 'b']) {
      await mkdir(join(dir, side, 'locked'), { recursive: true });
      await writeFile(join(dir, side, 'locked', 'inside'), 'x');
      await writeFile(join(dir, side, 'same'), 'same');
    }
    await chmod(join(dir, 'a', 'locked'), 0o000);
    const { reference, suite } = bothWays(join(dir, 'a'), join(dir, 'b'));
    await chmod(join(dir, 'a', 'locked'), 0o755);
    expect(reference.code).toBe(2);
    expect(suite).toEqual(reference);
  });
});

describe('names that are not UTF-8 in folder compare', () => {
  it('are written as raw bytes, as diff -rq writes them', async () => {
    const dir = await tempDir('folders-latin');
    await chmod(dir, 0o755);
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b'));
    await writeFile(Buffer.from(join(dir, 'a', 'caf\xe9'), 'latin1'), 'one');
    await writeFile(Buffer.from(join(dir, 'b', 'caf\xe9'), 'latin1'), 'two');
    await writeFile(Buffer.from(join(dir, 'a', 'only\xff'), 'latin1'), 'only');
    const reference = spawnSync('diff', ['-rq', join(dir, 'a'), join(dir, 'b')]);
    const suite = spawnSync(process.execPath, [cliEntry, 'compare', join(dir, 'a'), join(dir, 'b')]);
    expect(suite.status).toBe(reference.status);
    expect(suite.stdout.toString('latin1')).toBe(reference.stdout.toString('latin1'));
  });

  it('--json prints the document alone even when a file cannot be read', async () => {
    const dir = await tempDir('folders-json');
    await chmod(dir, 0o755);
    for (const side of ['a', 'b']) {
      await mkdir(join(dir, side));
      await writeFile(join(dir, side, 'locked'), side);
    }
    await chmod(join(dir, 'a', 'locked'), 0o000);
    const suite = asUser(process.execPath, [cliEntry, 'compare', join(dir, 'a'), join(dir, 'b'), '--json']);
    await chmod(join(dir, 'a', 'locked'), 0o644);
    expect(suite.status).toBe(2);
    expect(JSON.parse(suite.stdout)).toMatchObject({ verdict: 'incomplete' });
  });
});
