import { spawn } from 'node:child_process';
import { readlinkSync, readdirSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/core/dispatch.ts';
import { compareFiles } from '../../../src-main/tools/compare/compare-files.ts';
import type { CompareRequest } from '../../../src-main/tools/compare/compare-files.ts';
import { createHandlers } from '../../../src-main/tools/handlers.ts';
import { firstWord, run } from '../../support/commands.ts';
import { tempDir } from '../../support/temp.ts';
import { runSuiteUnprivileged } from '../../support/unprivileged.ts';

let dir: string;
const request = (fileA: string, fileB = '', extra: Partial<CompareRequest> = {}): CompareRequest => ({
  fileA,
  fileB,
  algorithms: ['sha256'],
  exact: false,
  expected: '',
  ...extra,
});
const quiet = () => ({ signal: new AbortController().signal, progress: () => undefined });

beforeAll(async () => {
  dir = await tempDir('bad-input');
  await writeFile(join(dir, 'good.txt'), 'hello\r\n');
  await mkdir(join(dir, 'a folder'));
});

function openDescriptorsTo(target: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === target;
    } catch {
      return false;
    }
  }).length;
}

describe('bad input gets a clear message on the file it concerns', () => {
  it('a missing File 2 is reported while File 1 is still hashed', async () => {
    const result = await compareFiles(request(join(dir, 'good.txt'), join(dir, 'nope.bin')), quiet());
    expect(result.verdict).toBe('incomplete');
    expect(result.files[0]!.digests.sha256).toBe(firstWord(run('sha256sum', [join(dir, 'good.txt')])));
    expect(result.files[1]!.error).toEqual({
      code: 'NOT_FOUND',
      message: `${join(dir, 'nope.bin')} does not exist.`,
    });
    expect(result.summary).toBe(
      `File 2 could not be read: ${join(dir, 'nope.bin')} does not exist. File 1's digests are shown; nothing was compared.`,
    );
  });

  it('a folder is refused as a folder', async () => {
    const result = await compareFiles(request(join(dir, 'a folder'), join(dir, 'good.txt')), quiet());
    expect(result.files[0]!.error).toEqual({
      code: 'IS_DIRECTORY',
      message: `${join(dir, 'a folder')} is a folder, not a file.`,
    });
    expect(result.files[1]!.digests.sha256).toHaveLength(64);
  });

  it('a file without read permission is named as such', async () => {
    await writeFile(join(dir, 'secret.bin'), 'x');
    await chmod(join(dir, 'secret.bin'), 0o000);
    const cli = runSuiteUnprivileged(['compare', join(dir, 'secret.bin'), join(dir, 'secret.bin')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(`suite compare: ${join(dir, 'secret.bin')} cannot be read: permission denied.\n`);
  });

  it('an empty file has the digest of nothing', async () => {
    await writeFile(join(dir, 'empty'), '');
    const result = await compareFiles(request(join(dir, 'empty'), join(dir, 'empty')), quiet());
    expect(result.files[0]).toMatchObject({ size: 0, error: null });
    expect(result.files[0]!.digests.sha256).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(result.verdict).toBe('match');
  });

  it('names with spaces and non-ASCII letters work', async () => {
    const name = join(dir, 'Übersicht – résumé 日本.bin');
    await writeFile(name, 'données');
    const result = await compareFiles(request(name), quiet());
    expect(result.files[0]!.digests.sha256).toBe(firstWord(run('sha256sum', [name])));
  });

  it('a pipe is read as a stream without a total size', async () => {
    const pipe = join(dir, 'stream');
    run('mkfifo', [pipe]);
    const writer = spawn('sh', ['-c', `printf 'streamed data' > "${pipe}"`]);
    // Listen now: the writer may well have exited before the hashing returns.
    const writerDone = new Promise((resolve) => writer.on('close', resolve));
    const totals: (number | null)[] = [];
    const result = await compareFiles(request(pipe), {
      signal: new AbortController().signal,
      progress: (event) => totals.push(event.tasks[0]!.totalBytes),
    });
    await writerDone;
    expect(result.files[0]).toMatchObject({ size: 13, error: null });
    // Progress was shown, and never with a made-up total (an empty `totals` would prove nothing).
    expect(totals.length).toBeGreaterThan(0);
    expect(totals.every((total) => total === null)).toBe(true);
  });

  it('a device such as /dev/null hashes as empty', async () => {
    const result = await compareFiles(request('/dev/null'), quiet());
    expect(result.files[0]).toMatchObject({ size: 0, error: null });
  });

  it('an unknown algorithm or missing File 1 is refused at the boundary', async () => {
    const handlers = createHandlers('browser');
    const noFile = await dispatch(handlers, 'compare.files', { fileA: '' }, quiet());
    expect(noFile).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Choose File 1.' },
    });
    const badAlgorithm = await dispatch(
      handlers,
      'compare.files',
      { fileA: 'x', algorithms: ['sha0'] },
      quiet(),
    );
    expect(badAlgorithm.ok).toBe(false);
    const nothing = await dispatch(handlers, 'compare.files', { fileA: 'x', algorithms: [] }, quiet());
    expect(nothing).toMatchObject({ ok: false, error: { message: /^Choose at least one algorithm/ } });
  });
});

describe('cancel', () => {
  it('stops an endless device promptly and closes it', async () => {
    const controller = new AbortController();
    let sawProgress = false;
    const pending = compareFiles(request('/dev/zero', '', { algorithms: ['md5', 'sha256'] }), {
      signal: controller.signal,
      progress: (event) => {
        if ((event.tasks[0]?.bytesDone ?? 0) > 0) sawProgress = true;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const abortedAt = performance.now();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    expect(sawProgress).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(openDescriptorsTo('/dev/zero')).toBe(0);
  });

  it('stops a pipe that no program ever writes to', async () => {
    const pipe = join(dir, 'silent');
    run('mkfifo', [pipe]);
    const controller = new AbortController();
    const pending = compareFiles(request(pipe), { signal: controller.signal, progress: () => undefined });
    setTimeout(() => controller.abort(), 200);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(openDescriptorsTo(pipe)).toBe(0);
  });
});
