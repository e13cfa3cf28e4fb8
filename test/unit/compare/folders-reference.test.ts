/**
 * `suite compare DIR DIR` against `diff -rq` on trees generated here, for shapes where the two
 * disagreed: special files on both sides and a type change. Same lines, same exit code.
 */
import { spawnSync } from 'node:child_process';
import { chmod, link, mkdir, symlink, writeFile } from 'node:fs/promises';
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

/** A pair of trees made by `make` in `a` and `b`; compared as `args` name them (default: a and b). */
interface Shape {
  name: string;
  make: (a: string, b: string) => Promise<unknown>;
  args?: (a: string, b: string) => [string, string];
}

const file = (path: string, content: string) => writeFile(path, content);

/** Shapes where the two once disagreed: the order of lines, what is said of a folder, empty files … */
const shapes: Shape[] = [
  {
    name: 'a folder on one side only, with a sibling that sorts between it and what it holds',
    make: async (a, b) => {
      await mkdir(join(a, 'x'));
      await file(join(a, 'x', 'inside'), '1');
      for (const side of [a, b]) await file(join(side, 'x.txt'), '1');
    },
  },
  {
    name: 'a folder against a file, with a sibling between',
    make: async (a, b) => {
      await mkdir(join(a, 'x'));
      await file(join(a, 'x', 'inside'), '1');
      await file(join(b, 'x'), '1');
      for (const side of [a, b]) await file(join(side, 'x-y'), '1');
    },
  },
  {
    name: 'differences in names with characters below "/", in diff’s order (folder by folder)',
    make: async (a, b) => {
      for (const name of ['x', 'x.txt', 'x-y', 'x y', 'x!', 'x+']) {
        await mkdir(join(a, 'x'), { recursive: true });
        await mkdir(join(b, 'x'), { recursive: true });
        const path = name === 'x' ? join('x', 'inside') : name;
        await file(join(a, path), 'one');
        await file(join(b, path), 'two');
      }
    },
  },
  {
    name: 'empty files against a folder and a FIFO ("regular empty file")',
    make: async (a, b) => {
      await mkdir(join(a, 'e'));
      await file(join(b, 'e'), '');
      spawnSync('mkfifo', [join(a, 'p')]);
      await file(join(b, 'p'), '');
    },
  },
  {
    name: 'an empty file against one that is not, unreadable: it must be read, so diff exits 2',
    make: async (a, b) => {
      await file(join(a, 'f'), '');
      await chmod(join(a, 'f'), 0o000);
      await file(join(b, 'f'), '123');
    },
  },
  {
    name: 'an empty file against one that is not, readable',
    make: async (a, b) => {
      await file(join(a, 'f'), '');
      await file(join(b, 'f'), '123');
    },
  },
  {
    name: 'unreadable folders: one on one side only, one against a file',
    make: async (a, b) => {
      for (const name of ['d', 'e']) {
        await mkdir(join(a, name));
        await file(join(a, name, 'inside'), '1');
        await chmod(join(a, name), 0o000);
      }
      await file(join(b, 'e'), '1');
    },
  },
  {
    name: 'a FIFO and an unreadable file, each the same file in both trees (hard links)',
    make: async (a, b) => {
      spawnSync('mkfifo', [join(a, 'p')]);
      await link(join(a, 'p'), join(b, 'p'));
      await file(join(a, 'f'), 'secret');
      await chmod(join(a, 'f'), 0o000);
      await link(join(a, 'f'), join(b, 'f'));
    },
  },
  {
    name: 'the same folder twice, with what cannot be read inside',
    make: async (a) => {
      spawnSync('mkfifo', [join(a, 'p')]);
      await mkdir(join(a, 'locked'));
      await chmod(join(a, 'locked'), 0o000);
    },
    args: (a) => [a, a],
  },
  {
    name: 'folders given with a trailing slash, or two',
    make: async (a, b) => {
      await file(join(a, 'only'), '1');
      await mkdir(join(a, 'd'));
      await file(join(a, 'd', 'deeper'), '1');
      await mkdir(join(b, 'd'));
    },
    args: (a, b) => [`${a}/`, `${b}//`],
  },
];

describe('suite compare DIR DIR like diff -rq, shape by shape', () => {
  it.each(shapes)('$name', async ({ make, args }) => {
    const dir = await tempDir('folders-shape');
    await chmod(dir, 0o755);
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    await mkdir(a);
    await mkdir(b);
    await make(a, b);
    const { reference, suite } = bothWays(...(args ?? ((x, y) => [x, y]))(a, b));
    // Let the temporary folder be removed.
    spawnSync('chmod', ['-R', 'u+rwx', dir]);
    expect(suite).toEqual(reference);
  });

  it('two devices of the same number are the same; devices are named as diff names them', async (context) => {
    const dir = await tempDir('folders-devices');
    await chmod(dir, 0o755);
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    await mkdir(a);
    await mkdir(b);
    const made = [
      spawnSync('mknod', [join(a, 'null'), 'c', '1', '3']),
      spawnSync('mknod', [join(b, 'null'), 'c', '1', '3']),
      spawnSync('mknod', [join(a, 'char'), 'c', '1', '3']),
      spawnSync('mknod', [join(a, 'block'), 'b', '7', '0']),
    ];
    if (made.some((result) => result.status !== 0)) context.skip('mknod is not allowed here (needs root)');
    await file(join(b, 'char'), '');
    await file(join(b, 'block'), '1');
    const { reference, suite } = bothWays(a, b);
    expect(reference.code).toBe(1);
    expect(suite).toEqual(reference);
  });
});

describe('a tree large enough for the worker pool', () => {
  it('gives diff -rq’s lines and exit code, with every kind of difference spread through 3,000 files', async () => {
    const dir = await tempDir('folders-many');
    await chmod(dir, 0o755);
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    const block = Buffer.alloc(4096, 'abcdefghij');
    const shapes: ((name: string, folder: number) => Promise<void>)[] = [
      async (name, folder) => {
        // A difference in the first byte, the middle or the last, at equal sizes.
        await writeFile(join(a, name), block);
        const other = Buffer.from(block);
        other[[0, 2048, 4095][folder % 3]!] = 0x21;
        await writeFile(join(b, name), other);
      },
      async (name) => {
        await writeFile(join(a, name), block);
        await writeFile(join(b, name), block.subarray(1));
      },
      (name) => writeFile(join(a, name), 'only in a'),
      (name) => writeFile(join(b, name), 'only in b'),
      async (name) => {
        await writeFile(join(a, name), 'unreadable here');
        await writeFile(join(b, name), 'different size there');
        await chmod(join(a, name), 0o000);
      },
      async (name) => {
        // Of equal size, so it must be read: diff names it on stderr and exits 2.
        await writeFile(join(a, name), 'same size');
        await writeFile(join(b, name), 'same size');
        await chmod(join(b, name), 0o000);
      },
      async (name) => {
        await writeFile(join(a, name), 'a file');
        await mkdir(join(b, name));
      },
      async (name) => {
        // The same link on both sides, to a file that is the same (diff follows links).
        await symlink('f20', join(a, name));
        await symlink('f20', join(b, name));
      },
      async (name, folder) => {
        // Around the size read with one call (1 MiB) and past it.
        const big = Buffer.alloc(1024 * 1024 + (folder % 2), 7);
        await writeFile(join(a, name), big);
        big[big.length - 1] = 8;
        await writeFile(join(b, name), big);
      },
      async (name) => {
        await writeFile(join(a, name), '');
        await writeFile(join(b, name), '');
      },
    ];
    for (let folder = 0; folder < 30; folder++) {
      await mkdir(join(a, `d${folder}`), { recursive: true });
      await mkdir(join(b, `d${folder}`), { recursive: true });
      for (let file = 0; file < 100; file++) {
        const name = join(`d${folder}`, `f${file}`);
        // Mostly identical files, as in real trees; one of each shape in every folder.
        if (file < shapes.length) await shapes[file]!(name, folder);
        else {
          const content = block.subarray(0, (folder * 100 + file) % 4096);
          await writeFile(join(a, name), content);
          await writeFile(join(b, name), content);
        }
      }
    }
    const { reference, suite } = bothWays(a, b);
    await chmod(dir, 0o700);
    expect(reference.code).toBe(2);
    expect(reference.lines.split('\n').length).toBeGreaterThan(200);
    expect(suite).toEqual(reference);
  }, 120_000);
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
