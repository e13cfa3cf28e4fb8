import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/build.ts';
import { firstWord, run } from '../support/commands.ts';
import { repoRoot } from '../support/paths.ts';
import { tempDir } from '../support/temp.ts';

const outMain = join(repoRoot, 'out/main');

beforeAll(() => ensureBuilt(), 120_000);

describe('the Electron main bundle', () => {
  it('has the hash worker beside the code that starts it', () => {
    expect(existsSync(join(outMain, 'main.js'))).toBe(true);
    expect(existsSync(join(outMain, 'file-worker.js'))).toBe(true);
  });

  it('runs a real hash job with the bundled worker', async () => {
    const file = join(await tempDir('bundle'), 'data.bin');
    await writeFile(file, 'bundled worker\r\n');
    // The pool's protocol: one JobRequest message in, replies tagged with its id.
    const worker = new Worker(join(outMain, 'file-worker.js'));
    const result = await new Promise<{ type: string; digests?: Record<string, string> }>((resolve) => {
      worker.on('message', ({ id, message }: { id: number; message: { type: string } }) => {
        if (id === 7 && message.type !== 'start' && message.type !== 'progress') resolve(message);
      });
      worker.postMessage({
        id: 7,
        job: { kind: 'hash', path: file, algorithms: ['sha256', 'blake3'] },
        cancel: new SharedArrayBuffer(4),
      });
    });
    await worker.terminate();
    expect(result).toEqual({
      type: 'hashed',
      size: 16,
      digests: {
        sha256: firstWord(run('sha256sum', [file])),
        blake3: firstWord(run('b3sum', ['--no-names', file])),
      },
    });
  });
});

describe('the CLI built beside the app (out/main/cli.js, which scripts/devutil.js starts when current)', () => {
  const sourceCli = join(repoRoot, 'src-main/cli/main.ts');
  const builtCli = join(outMain, 'cli.js');
  const both = (args: string[]) =>
    [sourceCli, builtCli].map((entry) => {
      const result = spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', timeout: 60_000 });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    });

  it('answers every tool as the sources do: zone data, folder compare with its workers, hashing', async () => {
    const dir = await tempDir('bundle-cli');
    for (const side of ['a', 'b']) {
      await mkdir(join(dir, side, 'sub'), { recursive: true });
      for (let file = 0; file < 2500; file++) await writeFile(join(dir, side, 'sub', `f${file}`), `${file}`);
    }
    await writeFile(join(dir, 'b', 'sub', 'f1234'), 'changed');
    const commands = [
      ['zone', 'convert', '2026-03-08 02:30', '--from', 'America/New_York', '--to', 'Europe/London'],
      ['compare', join(dir, 'a'), join(dir, 'b')],
      ['hash', '--algo', 'sha256,blake3', join(dir, 'a', 'sub', 'f7')],
      ['inspect', 'openssl', '--json'],
    ];
    for (const args of commands) {
      const [fromSource, fromBuild] = both(args);
      expect(fromBuild, args.join(' ')).toEqual(fromSource);
    }
    // Not two failures alike: each command really answered.
    const [, compared] = both(commands[1]!);
    expect(compared).toMatchObject({ code: 1, stdout: expect.stringContaining('f1234 differ') });
  }, 120_000);
});

describe('the renderer bundle', () => {
  it('carries no zod: the renderer imports the contract’s types and zod-free modules only', async () => {
    const assets = join(repoRoot, 'out/renderer/assets');
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts)
      expect(await readFile(join(assets, name), 'utf8'), name).not.toContain('ZodError');
  });
});
