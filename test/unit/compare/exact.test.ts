import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareFiles } from '../../../src-main/tools/compare/compare-files.ts';
import { CHUNK_SIZE } from '../../../src-main/tools/compare/worker-protocol.ts';
import { run } from '../../support/commands.ts';
import { tempDir } from '../../support/temp.ts';

const context = { signal: new AbortController().signal, progress: () => undefined };
const exact = (fileA: string, fileB: string) =>
  compareFiles({ fileA, fileB, algorithms: [], exact: true, expected: '' }, context).then(
    (result) => result.exact,
  );

let dir: string;
let base: Buffer;
const size = 3 * CHUNK_SIZE + 1234;

/** cmp's answer: the 1-based byte number of the first difference, or null when identical. */
function cmpOffset(a: string, b: string): number | null {
  try {
    run('cmp', [a, b]);
    return null;
  } catch (error) {
    const match = /byte (\d+)/.exec(String((error as { stdout?: string }).stdout));
    return match ? Number(match[1]) : -1;
  }
}

beforeAll(async () => {
  dir = await tempDir('exact');
  base = randomBytes(size);
  await writeFile(join(dir, 'base.bin'), base);
});

describe('exact compare', () => {
  it('says identical for a copy', async () => {
    await writeFile(join(dir, 'copy.bin'), base);
    expect(await exact(join(dir, 'base.bin'), join(dir, 'copy.bin'))).toEqual({ verdict: 'identical', size });
  });

  for (const offset of [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE + 77, size - 1]) {
    it(`finds the first difference at offset ${offset}, as cmp does`, async () => {
      const changed = Buffer.from(base);
      changed[offset] = changed[offset]! ^ 0xff;
      if (offset + 10 < size) changed[offset + 10] = changed[offset + 10]! ^ 0x01;
      const path = join(dir, `changed-${offset}.bin`);
      await writeFile(path, changed);
      const report = await exact(join(dir, 'base.bin'), path);
      expect(report).toEqual({
        verdict: 'different',
        offset,
        byteA: base[offset],
        byteB: base[offset]! ^ 0xff,
      });
      expect(cmpOffset(join(dir, 'base.bin'), path)).toBe(offset + 1);
    });
  }

  it('says the sizes differ without reading', async () => {
    await writeFile(join(dir, 'short.bin'), base.subarray(0, 100));
    const report = await exact(join(dir, 'base.bin'), join(dir, 'short.bin'));
    expect(report).toMatchObject({ verdict: 'size-differs', sizeA: size, sizeB: 100 });
    expect(report && 'message' in report && report.message).toMatch(
      /^The sizes differ: File 1 has .*, File 2 has 100 bytes\.$/,
    );
  });

  it('compares two empty files as identical', async () => {
    await writeFile(join(dir, 'empty1'), '');
    await writeFile(join(dir, 'empty2'), '');
    expect(await exact(join(dir, 'empty1'), join(dir, 'empty2'))).toEqual({ verdict: 'identical', size: 0 });
  });

  it('compares pipes, whose size is unknown, and notices one ending early', async () => {
    run('mkfifo', [join(dir, 'pipe-a'), join(dir, 'pipe-b')]);
    const writerA = spawn('sh', [
      '-c',
      `head -c 700000 "${join(dir, 'base.bin')}" > "${join(dir, 'pipe-a')}"`,
    ]);
    const writerB = spawn('sh', [
      '-c',
      `head -c 500000 "${join(dir, 'base.bin')}" > "${join(dir, 'pipe-b')}"`,
    ]);
    const report = await exact(join(dir, 'pipe-a'), join(dir, 'pipe-b'));
    expect(report).toMatchObject({ verdict: 'size-differs', shorter: 'B', sizeB: 500000 });
    writerA.kill();
    writerB.kill();
  });

  it('reports offsets beyond 4 GiB exactly', async () => {
    // Sparse files: 4 GiB + 16 bytes of which only the last few are written, so nothing big hits the disk.
    const fourGiB = 4 * 1024 ** 3;
    for (const [name, byte] of [
      ['big-a', 0x41],
      ['big-b', 0x42],
    ] as const) {
      const fd = openSync(join(dir, name), 'w');
      ftruncateSync(fd, fourGiB + 16);
      writeSync(fd, Buffer.from([byte]), 0, 1, fourGiB + 3);
      closeSync(fd);
    }
    const report = await exact(join(dir, 'big-a'), join(dir, 'big-b'));
    expect(report).toEqual({ verdict: 'different', offset: fourGiB + 3, byteA: 0x41, byteB: 0x42 });
  }, 120_000);
});
