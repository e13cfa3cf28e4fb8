import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareFiles } from '../../../src-main/tools/compare/compare-files.ts';
import { parseExpectedDigest } from '../../../src-main/tools/compare/expected-digest.ts';
import { firstWord, run } from '../../support/commands.ts';
import { tempDir } from '../../support/temp.ts';

let file: string;
const quiet = { signal: new AbortController().signal, progress: () => undefined };
const check = (expected: string) =>
  compareFiles({ fileA: file, fileB: '', algorithms: [], exact: false, expected }, quiet);

beforeAll(async () => {
  file = join(await tempDir('expected'), 'release.tar');
  await writeFile(file, 'release contents\n');
});

describe('expected digest', () => {
  it('recognises SHA-256 by length, in upper case', async () => {
    const result = await check(firstWord(run('sha256sum', [file])).toUpperCase());
    expect(result.expected).toMatchObject({
      matched: 'sha256',
      candidates: ['sha256', 'sha3-256', 'blake3'],
    });
    expect(result.verdict).toBe('match');
    expect(result.summary).toBe('Match: File 1 matches the expected SHA-256 digest.');
  });

  it('says which algorithm matched when the length is shared (BLAKE3)', async () => {
    const result = await check(firstWord(run('b3sum', ['--no-names', file])));
    expect(result.expected?.matched).toBe('blake3');
  });

  it('takes a prefix such as sha256: or MD5=', async () => {
    expect((await check(`sha256:${firstWord(run('sha256sum', [file]))}`)).expected?.matched).toBe('sha256');
    expect((await check(`MD5=${firstWord(run('md5sum', [file]))}`)).expected?.matched).toBe('md5');
  });

  it('reports a mismatch with the algorithms it tried', async () => {
    const result = await check('0'.repeat(64));
    expect(result.verdict).toBe('differ');
    expect(result.expected?.message).toBe(
      'File 1 does not match the expected digest (checked as SHA-256, SHA3-256 or BLAKE3).',
    );
  });

  it('refuses what cannot be a digest, saying why', () => {
    expect(() => parseExpectedDigest('xyz')).toThrow('must be hexadecimal');
    expect(() => parseExpectedDigest('abc123')).toThrow('No algorithm has a 6-digit digest');
    expect(() => parseExpectedDigest(`sha256:${'a'.repeat(40)}`)).toThrow(
      'A SHA-256 digest has 64 hex digits; this one has 40.',
    );
    expect(() => parseExpectedDigest(`sha999:${'a'.repeat(40)}`)).toThrow('"sha999" is not an algorithm');
  });
});
