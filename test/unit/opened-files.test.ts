import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenedFiles, routeOpenedFiles } from '../../src-main/tools/app/opened-files.ts';
import { tempDir } from '../support/temp.ts';

describe('files opened from outside', () => {
  it('send a checksum file to verification, by name or by content', async () => {
    const dir = await tempDir('opened');
    await writeFile(join(dir, 'a.bin'), 'a');
    await writeFile(join(dir, 'checksums.txt'), execFileSync('sha256sum', ['a.bin'], { cwd: dir }));
    expect(await routeOpenedFiles(['SHA256SUMS'], dir)).toEqual({
      tool: 'verify',
      sumsFile: join(dir, 'SHA256SUMS'),
    });
    expect(await routeOpenedFiles(['release.iso.sha256'], dir)).toEqual({
      tool: 'verify',
      sumsFile: join(dir, 'release.iso.sha256'),
    });
    expect(await routeOpenedFiles(['checksums.txt'], dir)).toEqual({
      tool: 'verify',
      sumsFile: join(dir, 'checksums.txt'),
    });
  });

  it('send other files to File Compare, relative to the folder they were opened from', async () => {
    const dir = await tempDir('opened-compare');
    await writeFile(join(dir, 'a.bin'), 'plain data\n');
    expect(await routeOpenedFiles(['a.bin'], dir)).toEqual({
      tool: 'compare',
      fileA: join(dir, 'a.bin'),
      fileB: '',
    });
    expect(await routeOpenedFiles(['a.bin', '/abs/b.bin'], dir)).toEqual({
      tool: 'compare',
      fileA: join(dir, 'a.bin'),
      fileB: '/abs/b.bin',
    });
    expect(await routeOpenedFiles([], dir)).toBeNull();
  });

  it('are handed over once', async () => {
    const files = new OpenedFiles();
    let told = 0;
    files.onAdded(() => told++);
    await files.add(['x.bin'], '/tmp');
    expect(told).toBe(1);
    expect(files.take()).toEqual({ tool: 'compare', fileA: '/tmp/x.bin', fileB: '' });
    expect(files.take()).toBeNull();
  });
});
