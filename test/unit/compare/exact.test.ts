import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExactReport } from '../../../src-main/contract/compare.ts';
import { compareFiles } from '../../../src-main/tools/compare/compare-files.ts';
import { CHUNK_SIZE } from '../../../src-main/tools/compare/worker-protocol.ts';
import { run } from '../../support/commands.ts';
import { tempDir } from '../../support/temp.ts';

const context = { signal: new AbortController().signal, progress: () => undefined };
const exact = (fileA: string, fileB: string, algorithms: ('sha256' | 'md5')[] = []) =>
  compareFiles({ fileA, fileB, algorithms, exact: true, expected: '' }, context);

let dir: string;
let base: Buffer;
const size = 3 * CHUNK_SIZE + 1234;

/** cmp's own sentence about two files, with the file names replaced by File 1 and File 2. */
function cmpSays(a: string, b: string): { status: number | null; text: string } {
  const result = spawnSync('cmp', [a, b], { encoding: 'utf8' });
  const text = (result.stdout + result.stderr)
    .trim()
    .replace(/^cmp: /, '')
    .replaceAll(`${a} ${b}`, 'File 1 and File 2')
    .replaceAll(a, 'File 1')
    .replaceAll(b, 'File 2')
    .replace('which is empty', ', which is empty')
    .replace(' ,', ',');
  return { status: result.status, text };
}

/** The suite's report in cmp's words (its message without the explanation after the colon). */
function suiteSays(report: ExactReport | null): string {
  if (!report) return 'no report';
  if (report.verdict === 'identical') return '';
  return report.message.replace(/ \(0x.*\)\.$/, '').replace(/: File . is a prefix of File .\.$/, '');
}

async function sameAsCmp(name: string, a: Buffer, b: Buffer): Promise<ExactReport | null> {
  const pathA = join(dir, `${name}-a`);
  const pathB = join(dir, `${name}-b`);
  await writeFile(pathA, a);
  await writeFile(pathB, b);
  const result = await exact(pathA, pathB);
  const reference = cmpSays(pathA, pathB);
  expect(suiteSays(result.exact)).toBe(reference.text);
  expect(result.verdict === 'match' ? 0 : 1).toBe(reference.status);
  return result.exact;
}

beforeAll(async () => {
  dir = await tempDir('exact');
  base = randomBytes(size);
});

describe('exact compare reports as cmp does', () => {
  it('identical copies', async () => {
    expect(await sameAsCmp('copy', base, Buffer.from(base))).toMatchObject({ verdict: 'identical', size });
  });

  for (const offset of [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE + 77, size - 1]) {
    it(`the first difference at offset ${offset} (byte ${offset + 1})`, async () => {
      const changed = Buffer.from(base);
      changed[offset] = changed[offset]! ^ 0xff;
      if (offset + 10 < size) changed[offset + 10] = changed[offset + 10]! ^ 0x01;
      const report = await sameAsCmp(`changed-${offset}`, base, changed);
      expect(report).toMatchObject({
        verdict: 'different',
        offset,
        byte: offset + 1,
        byteA: base[offset],
        byteB: base[offset]! ^ 0xff,
      });
    });
  }

  for (const cut of [1, 100, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, size - 1]) {
    it(`File 2 truncated to ${cut} bytes: EOF on File 2, whatever the sizes`, async () => {
      const report = await sameAsCmp(`cut-${cut}`, base, base.subarray(0, cut));
      expect(report).toMatchObject({ verdict: 'eof', shorter: 'File 2', byte: cut });
    });
  }

  it('File 1 a prefix of File 2', async () => {
    expect(await sameAsCmp('prefix', base.subarray(0, 5000), base)).toMatchObject({
      verdict: 'eof',
      shorter: 'File 1',
    });
  });

  it('an empty file against another', async () => {
    expect(await sameAsCmp('empty', Buffer.alloc(0), base)).toMatchObject({ verdict: 'eof', byte: 0 });
  });

  it('two empty files', async () => {
    expect(await sameAsCmp('both-empty', Buffer.alloc(0), Buffer.alloc(0))).toMatchObject({
      verdict: 'identical',
    });
  });

  it('text: line numbers as cmp counts them, a difference and a prefix ending a line or inside one', async () => {
    const text = Buffer.from('one\ntwo\nthree\nfour\n');
    await sameAsCmp('text-diff', text, Buffer.from('one\ntwo\nthreE\nfour\n'));
    await sameAsCmp('text-prefix-line', text, Buffer.from('one\ntwo\n'));
    await sameAsCmp('text-prefix-inside', text, Buffer.from('one\ntw'));
    await sameAsCmp('text-newlines', Buffer.from('\n\n\n\nx'), Buffer.from('\n\n\n\ny'));
  });

  it('with digests as well: the digests are of the whole files, read once', async () => {
    const changed = Buffer.from(base);
    changed[10] = changed[10]! ^ 1;
    await writeFile(join(dir, 'digests-a'), base);
    await writeFile(join(dir, 'digests-b'), changed);
    const result = await exact(join(dir, 'digests-a'), join(dir, 'digests-b'), ['sha256']);
    expect(result.exact).toMatchObject({ verdict: 'different', byte: 11 });
    expect(result.files[0]!.digests.sha256).toBe(run('sha256sum', [join(dir, 'digests-a')]).slice(0, 64));
    expect(result.files[1]!.digests.sha256).toBe(run('sha256sum', [join(dir, 'digests-b')]).slice(0, 64));
    expect(result.files.map((file) => file.size)).toEqual([size, size]);
  });

  it('pipes: a prefix, and Exact with a digest on the same pipes reads each once', async () => {
    run('mkfifo', [join(dir, 'pipe-a'), join(dir, 'pipe-b'), join(dir, 'pipe-c'), join(dir, 'pipe-d')]);
    await writeFile(join(dir, 'base.bin'), base);
    const write = (bytes: number, pipe: string) =>
      spawn('sh', ['-c', `head -c ${bytes} "${join(dir, 'base.bin')}" > "${join(dir, pipe)}"`]);
    const writers = [write(700000, 'pipe-a'), write(500000, 'pipe-b')];
    const prefix = await exact(join(dir, 'pipe-a'), join(dir, 'pipe-b'));
    expect(prefix.exact).toMatchObject({ verdict: 'eof', shorter: 'File 2', byte: 500000 });
    writers.push(write(size, 'pipe-c'), write(size, 'pipe-d'));
    const same = await exact(join(dir, 'pipe-c'), join(dir, 'pipe-d'), ['sha256']);
    expect(same.exact).toMatchObject({ verdict: 'identical', size });
    expect(same.files[0]!.digests.sha256).toBe(run('sha256sum', [join(dir, 'base.bin')]).slice(0, 64));
    expect(same.verdict).toBe('match');
    for (const writer of writers) writer.kill();
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
    const result = await exact(join(dir, 'big-a'), join(dir, 'big-b'));
    expect(result.exact).toMatchObject({
      verdict: 'different',
      offset: fourGiB + 3,
      byte: fourGiB + 4,
      byteA: 0x41,
      byteB: 0x42,
    });
  }, 180_000);
});
