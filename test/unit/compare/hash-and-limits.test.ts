import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareFiles } from '../../../src-main/tools/compare/compare-files.ts';
import { hashFile } from '../../../src-main/tools/compare/hash-file.ts';
import { decodeName } from '../../../src-main/tools/compare/name-bytes.ts';
import { verifyChecksums } from '../../../src-main/tools/compare/verify-checksums.ts';
import { runSuite } from '../../support/cli.ts';
import { cliEntry } from '../../support/paths.ts';
import { tempDir } from '../../support/temp.ts';

const context = { signal: new AbortController().signal, progress: () => undefined };
let dir: string;

beforeAll(async () => {
  dir = await tempDir('hash-limits');
  await writeFile(join(dir, 'a'), 'alpha');
  await writeFile(join(dir, 'b'), 'bravo');
  await mkdir(join(dir, 'folder'));
});

describe('suite hash goes on past files it cannot read, as sha256sum does', () => {
  it('prints every other digest in order and exits 1', async () => {
    const args = ['a', 'missing', 'folder', 'b'].map((name) => join(dir, name));
    const reference = spawnSync('sha256sum', args, { encoding: 'utf8' });
    const ours = await runSuite(['hash', ...args]);
    expect(ours.stdout).toBe(reference.stdout);
    expect(ours.code).toBe(reference.status);
    expect(ours.stderr.trim().split('\n')).toEqual([
      `suite hash: ${join(dir, 'missing')} does not exist.`,
      `suite hash: ${join(dir, 'folder')} is a folder, not a file.`,
    ]);
  });

  it('--bsd prints tag lines as sha256sum --tag does', async () => {
    const args = ['a', 'b'].map((name) => join(dir, name));
    const ours = await runSuite(['hash', '--bsd', ...args]);
    expect(ours.stdout).toBe(spawnSync('sha256sum', ['--tag', ...args], { encoding: 'utf8' }).stdout);
  });

  it('a file that grows while it is read gets no digest', async () => {
    const path = join(dir, 'growing');
    await writeFile(path, Buffer.alloc(2 * 1024 * 1024));
    let appended = false;
    const control = {
      cancelled: () => false,
      start: () => undefined,
      // A writer appends after the first chunk was read.
      progress: () => {
        if (!appended) appendFileSync(path, 'more');
        appended = true;
      },
    };
    await expect(hashFile(path, ['sha256'], control)).rejects.toThrow(
      `${path} changed while it was read (size or modification time); no digest was taken.`,
    );
  });
});

describe('names as typed and as bytes', () => {
  it('a name ending in a space is opened as typed, not trimmed', async () => {
    await writeFile(join(dir, 'spaced '), 'trailing space');
    const result = await compareFiles(
      { fileA: join(dir, 'spaced '), fileB: '', algorithms: ['sha256'], exact: false, expected: '' },
      context,
    );
    expect(result.files[0]!.state).toBe('read');
    expect(result.files[0]!.size).toBe(14);
  });

  it('a name that is not UTF-8 is opened by its bytes', async () => {
    const bytes = Buffer.concat([Buffer.from(join(dir, 'lat')), Buffer.from([0xe9, 0xff])]);
    await writeFile(bytes, 'latin1 name');
    const result = await compareFiles(
      { fileA: decodeName(bytes), fileB: '', algorithms: ['sha256'], exact: false, expected: '' },
      context,
    );
    expect(result.files[0]).toMatchObject({ state: 'read', size: 11 });
  });
});

describe('a checksum file is read as a stream with a size limit', () => {
  it('/dev/zero ends in one sentence, not a hang or a crash', async () => {
    await expect(
      verifyChecksums({ sumsFile: '/dev/zero', strict: false, ignoreMissing: false }, context),
    ).rejects.toThrow('/dev/zero is larger than 64 MiB, too large for a checksum file.');
  });

  it('a line longer than 64 KiB is counted improper, the rest verified', async () => {
    const good = spawnSync('sha256sum', ['a'], { cwd: dir, encoding: 'utf8' }).stdout;
    await writeFile(join(dir, 'long.sha256'), `${'x'.repeat(200_000)}\n${good}`);
    const result = await verifyChecksums(
      { sumsFile: join(dir, 'long.sha256'), strict: false, ignoreMissing: false },
      context,
    );
    expect(result.improper).toEqual([{ line: 1, reason: 'longer than 64 KiB' }]);
    expect(result.lines.map((line) => line.status)).toEqual(['OK']);
    expect(result.verdict).toBe('verified');
  });
});

describe('algorithms a checksum file does not name', () => {
  it('b3sum output saved as checksums.txt: each 64-digit algorithm tried, BLAKE3 named', async () => {
    const b3 = spawnSync('b3sum', ['a', 'b'], { cwd: dir, encoding: 'utf8' }).stdout;
    await writeFile(join(dir, 'checksums.txt'), b3);
    const result = await verifyChecksums(
      { sumsFile: join(dir, 'checksums.txt'), strict: false, ignoreMissing: false },
      context,
    );
    expect(result.lines.map((line) => [line.status, line.algorithm, line.candidates.length])).toEqual([
      ['OK', 'blake3', 3],
      ['OK', 'blake3', 3],
    ]);
  });

  it('web3-tools-1.0.tar.gz.sha256 is SHA-256: "web3" is not the word "b3"', async () => {
    const sha = spawnSync('sha256sum', ['a'], { cwd: dir, encoding: 'utf8' }).stdout;
    await writeFile(join(dir, 'web3-tools-1.0.tar.gz.sha256'), sha);
    const result = await verifyChecksums(
      { sumsFile: join(dir, 'web3-tools-1.0.tar.gz.sha256'), strict: false, ignoreMissing: false },
      context,
    );
    expect(result.lines.map((line) => [line.status, line.candidates])).toEqual([['OK', ['sha256']]]);
  });

  it('a sidecar holding only the digest checks the file it is named after', async () => {
    const digest = spawnSync('sha256sum', ['a'], { cwd: dir, encoding: 'utf8' }).stdout.slice(0, 64);
    await writeFile(join(dir, 'a.sha256'), `${digest.toUpperCase()}\n`);
    const result = await verifyChecksums(
      { sumsFile: join(dir, 'a.sha256'), strict: false, ignoreMissing: false },
      context,
    );
    expect(result.lines.map((line) => [line.path, line.status])).toEqual([['a', 'OK']]);
  });

  it('SFV files (name, then CRC32) with ; comments', async () => {
    // gzip's trailer holds the CRC32 of its input (little-endian): a reference outside this code.
    const crc = (name: string): string =>
      spawnSync('gzip', ['-c'], { input: name === 'a' ? 'alpha' : 'bravo' })
        .stdout.subarray(-8, -4)
        .reverse()
        .toString('hex');
    await writeFile(join(dir, 'set.sfv'), `; made by a tool\na ${crc('a')}\nb ${'0'.repeat(8)}\n`);
    const result = await verifyChecksums(
      { sumsFile: join(dir, 'set.sfv'), strict: false, ignoreMissing: false },
      context,
    );
    expect(result.lines.map((line) => [line.path, line.algorithm, line.status])).toEqual([
      ['a', 'crc32', 'OK'],
      ['b', 'crc32', 'FAILED'],
    ]);
  });

  it('mixed algorithms in one file, each line by its tag or length', async () => {
    const line = (tool: string, args: string[] = []): string =>
      spawnSync(tool, [...args, 'a'], { cwd: dir, encoding: 'utf8' }).stdout;
    await writeFile(
      join(dir, 'mixed.txt'),
      line('md5sum') + line('sha1sum') + line('sha512sum', ['--tag']) + line('b3sum'),
    );
    const result = await verifyChecksums(
      { sumsFile: join(dir, 'mixed.txt'), strict: false, ignoreMissing: false },
      context,
    );
    expect(result.lines.map((entry) => [entry.algorithm, entry.status])).toEqual([
      ['md5', 'OK'],
      ['sha1', 'OK'],
      ['sha512', 'OK'],
      ['blake3', 'OK'],
    ]);
  });
});

describe('suite hash streams its lines in input order', () => {
  it("prints a file's line while a later one is still being read", async () => {
    const fifo = join(dir, 'slow-pipe');
    spawnSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [cliEntry, 'hash', join(dir, 'a'), fifo], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const firstLine = `${spawnSync('sha256sum', [join(dir, 'a')], { encoding: 'utf8' }).stdout}`;
    // The pipe's writer only starts once the first file's line has been printed.
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout === firstLine) resolve();
      });
    });
    const writer = spawn('sh', ['-c', `printf 'late' > "${fifo}"`]);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    writer.kill();
    expect(code).toBe(0);
    expect(stdout).toBe(`${firstLine}${createHash('sha256').update('late').digest('hex')}  ${fifo}\n`);
  });
});
