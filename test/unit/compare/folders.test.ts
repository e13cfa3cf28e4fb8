import { spawnSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../support/cli.ts';
import { cliEntry } from '../../support/paths.ts';
import { tempDir } from '../../support/temp.ts';

let dir: string;

/** A tree of odd names, nested folders, an empty folder, a link and a FIFO, made fresh for this run. */
async function makeTree(root: string, variant: number): Promise<void> {
  await mkdir(join(root, 'sub', 'deep'), { recursive: true });
  await mkdir(join(root, 'empty'));
  const files: Record<string, string> = {
    'a.txt': 'alpha\n',
    'B upper': 'upper case sorts first',
    'sub/b': 'bravo',
    'sub/deep/c': 'charlie\n'.repeat(1000),
    'sub/deep/name with  spaces ': 'spaces',
    'sub.txt': 'a dot sorts before a slash',
    ünïcode: 'unicode',
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(root, name), content);
  await writeFile(Buffer.from(`${root}/lat\xe9`, 'latin1'), 'latin1 name');
  await symlink('../a.txt', join(root, 'sub', 'link'));
  if (variant === 1) {
    await writeFile(join(root, 'a.txt'), 'ALPHA\n'); // same size, first byte differs
    await writeFile(join(root, 'sub/deep/c'), 'charlie\n'.repeat(999) + 'charliE\n'); // last byte
    await writeFile(join(root, 'sub/b'), 'bravo, longer'); // size differs
    await rm(join(root, 'sub.txt'));
    await mkdir(join(root, 'added', 'inside'), { recursive: true });
    await writeFile(join(root, 'added', 'inside', 'x'), 'x');
  }
}

beforeAll(async () => {
  dir = await tempDir('folders');
  await makeTree(join(dir, 'one'), 0);
  await makeTree(join(dir, 'same'), 0);
  await makeTree(join(dir, 'two'), 1);
  await makeTree(join(dir, 'copy'), 0);
  spawnSync('mkfifo', [join(dir, 'one', 'pipe')]);
});

describe('suite hash -r', () => {
  it('prints what find | LC_ALL=C sort | xargs sha256sum prints, FIFO skipped with a warning', async () => {
    const root = join(dir, 'one');
    const reference = spawnSync('sh', [
      '-c',
      `find "${root}" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum`,
    ]);
    const ours = spawnSync(process.execPath, [cliEntry, 'hash', '-r', root]);
    // Byte for byte, the non-UTF-8 name included: the CLI writes it raw, as sha256sum does.
    expect(ours.stdout.toString('latin1')).toBe(reference.stdout.toString('latin1'));
    expect(ours.stdout.includes(Buffer.from('lat\xe9\n', 'latin1'))).toBe(true);
    expect(ours.stderr.toString()).toBe(`suite hash: ${root}/pipe is a FIFO; skipped.\n`);
    expect(ours.status).toBe(0);
  });

  it('--follow follows links, reports a loop and goes on, exit 1', async () => {
    const root = join(dir, 'loop');
    await mkdir(join(root, 'in'), { recursive: true });
    await writeFile(join(root, 'in', 'f'), 'f');
    await symlink('..', join(root, 'in', 'up'));
    const followed = await runSuite(['hash', '-r', '--follow', root]);
    expect(followed.code).toBe(1);
    expect(followed.stderr).toContain(`${root}/in/up is a link back into its own folder; not followed.`);
    expect(followed.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('suite compare DIR_A DIR_B, like diff -rq', () => {
  it('identical trees: no output, exit 0, as diff -rq', async () => {
    const ours = await runSuite(['compare', join(dir, 'same'), join(dir, 'copy')]);
    const reference = spawnSync('diff', ['-rq', join(dir, 'same'), join(dir, 'copy')], { encoding: 'utf8' });
    expect(ours.stdout).toBe(reference.stdout);
    expect(ours.code).toBe(reference.status);
    expect(ours.code).toBe(0);
  });

  it('added, removed and changed files (first byte, last byte, size) and a new nested folder', async () => {
    const a = join(dir, 'same');
    const b = join(dir, 'two');
    const ours = await runSuite(['compare', a, b, '--details', '--json']);
    const reference = spawnSync('diff', ['-rq', a, b], { encoding: 'utf8' });
    expect(ours.code).toBe(reference.status);
    const text = await runSuite(['compare', a, b]);
    // diff follows links and so compares sub/link's target file; the suite compares what the links
    // say (the same), so diff's line about the link is the one difference, by design.
    const diffLines = reference.stdout.split('\n').filter((line) => !line.includes('sub/link'));
    expect(text.stdout.split('\n').sort()).toEqual(diffLines.sort());
    const result = JSON.parse(ours.stdout) as {
      entries: { relative: string; status: string; detail: string | null }[];
    };
    const byPath = Object.fromEntries(result.entries.map((entry) => [entry.relative, entry]));
    expect(byPath['a.txt']).toMatchObject({ status: 'changed', detail: 'differ: byte 1, line 1' });
    expect(byPath['sub/deep/c']).toMatchObject({ status: 'changed', detail: 'differ: byte 7999, line 1000' });
    expect(byPath['sub/b']).toMatchObject({ status: 'changed', detail: 'sizes differ (5 and 13 bytes)' });
    expect(byPath['sub.txt']).toMatchObject({ status: 'removed' });
    expect(byPath['added/inside/x']).toMatchObject({ status: 'added' });
    expect(byPath['empty']).toMatchObject({ status: 'identical' });
  });

  it('a folder and a missing path, or a folder and a file: one line that says which, exit 2', async () => {
    const missing = await runSuite(['compare', join(dir, 'same'), join(dir, 'nowhere')]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(`suite compare: ${join(dir, 'nowhere')} does not exist.\n`);
    const file = join(dir, 'same', 'a.txt');
    const mixed = await runSuite(['compare', file, join(dir, 'same')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toBe(
      `suite compare: ${join(dir, 'same')} is a folder and ${file} is not: give two files or two folders.\n`,
    );
  });
});

describe('a tree of many files', () => {
  it('20,000 empty files are hashed, every one printed in order', async () => {
    const root = join(dir, 'many');
    await mkdir(root);
    const names = Array.from({ length: 20_000 }, (_, index) => `e${String(index).padStart(5, '0')}`);
    for (const name of names) await writeFile(join(root, name), '');
    const ours = await runSuite(['hash', '-r', root]);
    expect(ours.code).toBe(0);
    const lines = ours.stdout.trim().split('\n');
    expect(lines).toHaveLength(names.length);
    const emptyDigest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(lines.at(-1)).toBe(`${emptyDigest}  ${root}/${names.at(-1)}`);
  }, 180_000);
});
