import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseChecksums } from '../../../src-main/tools/compare/checksum-file.ts';
import { verifyChecksums } from '../../../src-main/tools/compare/verify-checksums.ts';
import { runSuite } from '../../support/cli.ts';
import { run } from '../../support/commands.ts';
import { tempDir } from '../../support/temp.ts';

let dir: string;
const quiet = { signal: new AbortController().signal, progress: () => undefined };
const names = ['plain.txt', 'with space.bin', 'sub/ünïcode ファイル.dat', 'back\\slash.txt'];

beforeAll(async () => {
  dir = await tempDir('checksums');
  await mkdir(join(dir, 'sub'));
  for (const [index, name] of names.entries())
    await writeFile(join(dir, name), `content ${index}\r\n\x00\xff`);
});

describe('checksum files written by coreutils', () => {
  it('verifies GNU lines from sha256sum, including an escaped name', async () => {
    await writeFile(join(dir, 'SHA256SUMS'), run('sha256sum', names, { cwd: dir }));
    expect(run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir })).toContain('OK');
    const result = await verifyChecksums(
      { sumsFile: join(dir, 'SHA256SUMS'), strict: false, ignoreMissing: false },
      quiet,
    );
    expect(result.lines.map((line) => [line.path, line.status])).toEqual(names.map((name) => [name, 'OK']));
    expect(result.summary).toBe('All 4 files verified OK.');
  });

  it('verifies binary-mode (*) lines from md5sum -b in a file named MD5SUMS', async () => {
    await writeFile(join(dir, 'MD5SUMS'), run('md5sum', ['-b', ...names], { cwd: dir }));
    const result = await verifyChecksums(
      { sumsFile: join(dir, 'MD5SUMS'), strict: false, ignoreMissing: false },
      quiet,
    );
    expect(result.lines.every((line) => line.algorithm === 'md5' && line.status === 'OK')).toBe(true);
  });

  it('verifies BSD lines from sha512sum --tag and b2sum (128 hex digits, told apart by the name)', async () => {
    await writeFile(join(dir, 'tagged.sha512'), run('sha512sum', ['--tag', ...names], { cwd: dir }));
    await writeFile(join(dir, 'B2SUMS'), run('b2sum', names, { cwd: dir }));
    const tagged = await verifyChecksums(
      { sumsFile: join(dir, 'tagged.sha512'), strict: false, ignoreMissing: false },
      quiet,
    );
    const blake = await verifyChecksums(
      { sumsFile: join(dir, 'B2SUMS'), strict: false, ignoreMissing: false },
      quiet,
    );
    expect(tagged.lines.map((line) => `${line.algorithm}:${line.status}`)).toEqual(
      names.map(() => 'sha512:OK'),
    );
    expect(blake.lines.map((line) => `${line.algorithm}:${line.status}`)).toEqual(
      names.map(() => 'blake2b-512:OK'),
    );
  });

  it('tolerates CRLF line endings and reports a changed and a missing file', async () => {
    const lines = run('sha256sum', names.slice(0, 2), { cwd: dir }).trimEnd().split('\n');
    lines.push(`${'0'.repeat(64)}  gone.txt`);
    lines[0] = lines[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await writeFile(join(dir, 'crlf.sha256'), lines.join('\r\n') + '\r\n');
    const result = await verifyChecksums(
      { sumsFile: join(dir, 'crlf.sha256'), strict: false, ignoreMissing: false },
      quiet,
    );
    expect(result.lines.map((line) => line.status)).toEqual(['FAILED', 'OK', 'MISSING']);
    expect(result.summary).toBe(
      '2 of 3 files did not verify: 1 checksum did NOT match, 1 file could not be read.',
    );
  });

  it('counts malformed lines and refuses a file with none that are well formed', async () => {
    const parsed = parseChecksums(
      `# comment\nnot a line\n${'a'.repeat(64)}  x\n\nSHA256 (y) = short\n`,
      'SUMS',
    );
    expect(parsed.entries.map((entry) => entry.name)).toEqual(['x']);
    expect(parsed.improper.map((line) => line.line)).toEqual([2, 5]);
    await writeFile(join(dir, 'junk.txt'), 'hello world\n');
    const junk = await verifyChecksums(
      { sumsFile: join(dir, 'junk.txt'), strict: false, ignoreMissing: false },
      quiet,
    );
    expect(junk.verdict).toBe('failed');
    expect(junk.summary).toContain('has no properly formatted checksum lines');
  });
});

describe('suite hash / verify / compare on the command line', () => {
  it('hash prints lines that sha256sum -c accepts, escaped names included', async () => {
    const out = await runSuite(['hash', ...names.map((name) => join(dir, name))]);
    expect(out.code).toBe(0);
    await writeFile(join(dir, 'ours.sha256'), out.stdout);
    expect(run('sha256sum', ['-c', 'ours.sha256'], { cwd: dir }).trim().split('\n')).toHaveLength(4);
    expect(out.stdout).toBe(
      run(
        'sha256sum',
        names.map((name) => join(dir, name)),
      ),
    );
  });

  it('verify prints sha256sum -c style lines and exits like it', async () => {
    const lines = run('sha256sum', names.slice(0, 2), { cwd: dir }).trimEnd().split('\n');
    lines.push(`${'0'.repeat(64)}  ${names[2]}`);
    await writeFile(join(dir, 'mixed.sha256'), lines.join('\n') + '\n');
    const ours = await runSuite(['verify', join(dir, 'mixed.sha256')]);
    expect(ours.code).toBe(1);
    expect(ours.stdout.split('\n').slice(0, 3)).toEqual([
      `${names[0]}: OK`,
      `${names[1]}: OK`,
      `${names[2]}: FAILED`,
    ]);
    const clean = await runSuite(['verify', join(dir, 'SHA256SUMS')]);
    expect(clean.code).toBe(0);
  });

  it('compare exits 0 on a match, 1 on a difference, 2 on bad input, with one JSON document', async () => {
    const same = await runSuite([
      'compare',
      join(dir, names[0]!),
      join(dir, names[0]!),
      '--algo',
      'md5,sha1,sha256',
      '--json',
    ]);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({
      verdict: 'match',
      rows: [{ algorithm: 'md5' }, { algorithm: 'sha1' }, { algorithm: 'sha256' }],
    });
    const differ = await runSuite(['compare', join(dir, names[0]!), join(dir, names[1]!), '--exact']);
    expect(differ.code).toBe(1);
    expect(differ.stdout).toContain(
      'Exact compare: File 1 and File 2 differ: byte 9, line 1 (0x30 vs 0x31).',
    );
    const bad = await runSuite(['compare', join(dir, names[0]!), '--algo', 'sha0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^suite compare: unknown algorithm "sha0"/);
  });
});
