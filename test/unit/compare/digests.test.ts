import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../../src-main/contract/compare.ts';
import type { Algorithm } from '../../../src-main/contract/compare.ts';
import { compareFiles } from '../../../src-main/tools/compare/compare-files.ts';
import { createHasher } from '../../../src-main/tools/compare/hashers.ts';
import { CHUNK_SIZE } from '../../../src-main/tools/compare/worker-protocol.ts';
import { firstWord, run } from '../../support/commands.ts';
import { tempDir } from '../../support/temp.ts';

const context = { signal: new AbortController().signal, progress: () => undefined };

/** What a user would run instead, per algorithm. */
const reference: Record<Algorithm, (path: string) => string> = {
  md5: (path) => firstWord(run('md5sum', ['-b', path])),
  sha1: (path) => firstWord(run('sha1sum', ['-b', path])),
  sha256: (path) => firstWord(run('sha256sum', ['-b', path])),
  sha512: (path) => firstWord(run('sha512sum', ['-b', path])),
  'sha3-256': (path) => firstWord(run('openssl', ['dgst', '-sha3-256', '-r', path])),
  'blake2b-512': (path) => firstWord(run('b2sum', ['-b', path])),
  blake3: (path) => firstWord(run('b3sum', ['--no-names', path])),
  crc32: (path) =>
    run('python3', [
      '-c',
      'import sys,zlib;print("%08x"%zlib.crc32(open(sys.argv[1],"rb").read()))',
      path,
    ]).trim(),
  xxh64: (path) => firstWord(run('xxhsum', ['-H64', path])),
};

/** Random bytes with CRLF and lone CR/LF sprinkled in: the seed's text-mode reading got these wrong. */
function binaryWithLineEndings(size: number): Buffer {
  const data = randomBytes(size);
  for (let at = 0; at + 1 < size; at += 97) data.set([0x0d, 0x0a], at);
  return data;
}

const sizes = [
  0,
  1,
  2,
  1000,
  CHUNK_SIZE - 1,
  CHUNK_SIZE,
  CHUNK_SIZE + 1,
  2 * CHUNK_SIZE,
  3 * CHUNK_SIZE + 17,
  5_000_000,
];
let dir: string;

beforeAll(async () => {
  dir = await tempDir('digests');
  for (const size of sizes) await writeFile(join(dir, `random-${size}.bin`), binaryWithLineEndings(size));
});

describe('digests equal coreutils, openssl, b3sum and xxhsum', () => {
  for (const size of sizes) {
    it(`for a random binary file of ${size} bytes`, async () => {
      const path = join(dir, `random-${size}.bin`);
      const result = await compareFiles(
        { fileA: path, fileB: '', algorithms: [...ALGORITHMS], exact: false, expected: '' },
        context,
      );
      expect(result.files[0]!.size).toBe(size);
      for (const algorithm of ALGORITHMS)
        expect(result.files[0]!.digests[algorithm], algorithm).toBe(reference[algorithm](path));
    });
  }

  it('openssl dgst agrees for the OpenSSL algorithms', async () => {
    const path = join(dir, `random-${CHUNK_SIZE + 1}.bin`);
    const result = await compareFiles(
      { fileA: path, fileB: '', algorithms: ['md5', 'sha1', 'sha256', 'sha512'], exact: false, expected: '' },
      context,
    );
    for (const [algorithm, flag] of [
      ['md5', '-md5'],
      ['sha1', '-sha1'],
      ['sha256', '-sha256'],
      ['sha512', '-sha512'],
    ] as const) {
      expect(result.files[0]!.digests[algorithm]).toBe(firstWord(run('openssl', ['dgst', flag, '-r', path])));
    }
  });
});

describe('published test vectors', () => {
  const vectors: [Algorithm, string, string][] = [
    ['md5', '', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['md5', 'abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['sha1', 'abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['sha256', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'sha256',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'sha512',
      'abc',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
    ['sha3-256', 'abc', '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532'],
    ['sha3-256', '', 'a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a'],
    [
      'blake2b-512',
      'abc',
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    ],
    ['blake3', '', 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262'],
    ['crc32', '123456789', 'cbf43926'],
    ['xxh64', '', 'ef46db3751d8e999'],
    ['xxh64', 'abc', '44bc2cf5ad770999'],
  ];
  for (const [algorithm, input, digest] of vectors) {
    it(`${algorithm}("${input.slice(0, 12)}${input.length > 12 ? '…' : ''}")`, async () => {
      const hasher = await createHasher(algorithm);
      hasher.update(Buffer.from(input, 'latin1'));
      expect(hasher.digest()).toBe(digest);
    });
  }

  it('sha256 of one million "a" fed in uneven chunks', async () => {
    const hasher = await createHasher('sha256');
    const data = Buffer.alloc(1_000_000, 'a');
    for (let at = 0; at < data.length; at += 77_777) hasher.update(data.subarray(at, at + 77_777));
    expect(hasher.digest()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });
});
