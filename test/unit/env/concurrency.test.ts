import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../../../src-main/tools/env/file-lock.ts';
import { undoChange } from '../../../src-main/tools/env/permanent-change.ts';
import { sourceAndRead, testHome } from '../../support/env-home.ts';

interface Outcome {
  name: string;
  value: string;
  ok: boolean;
  undoId?: string;
  code?: string;
  message?: string;
}

/** A real Node process that writes these variables in parallel; resolves with what each write got. */
function writer(env: NodeJS.ProcessEnv, assignments: string[]): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'parallel-writer.ts'), ...assignments], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(stdout) as Outcome[])
        : reject(new Error(`writer exited ${code}: ${stderr}`)),
    );
  });
}

describe('parallel writes from two real processes', () => {
  it('each lands or gets CONFLICT and writes nothing; the journal keeps every printed undo id', async () => {
    const { home, context } = await testHome('bash');
    const profile = join(home, '.profile');
    const original = '# mine\nexport KEEP=1\n';
    await writeFile(profile, original);
    const env = { ...process.env, HOME: home, SHELL: context.shellPath };
    const landed: Outcome[] = [];
    for (let round = 0; round < 3; round++) {
      const names = (process: string) =>
        [0, 1, 2, 3].map((index) => `SUITE_P${process}_${round}_${index}=value-${process}-${round}-${index}`);
      const outcomes = (await Promise.all([writer(env, names('A')), writer(env, names('B'))])).flat();
      expect(outcomes).toHaveLength(8);
      for (const outcome of outcomes) {
        if (outcome.ok) {
          // Landed: a real bash reading the profile has it.
          expect(sourceAndRead('bash', profile, outcome.name), outcome.name).toBe(outcome.value);
          landed.push(outcome);
        } else {
          expect(outcome.code, outcome.message).toBe('CONFLICT');
          expect(outcome.message).toMatch(/changed since the preview was made|Another DevUtil Suite write/);
          expect(sourceAndRead('bash', profile, outcome.name), outcome.name).toBe('');
        }
      }
      expect(outcomes.some((outcome) => outcome.ok)).toBe(true);
    }
    const text = await readFile(profile, 'utf8');
    expect(text.startsWith(original)).toBe(true);
    const journal = JSON.parse(await readFile(join(context.stateDir, 'env-journal.json'), 'utf8')) as {
      entries: { id: string }[];
    };
    expect(journal.entries.map((entry) => entry.id).sort()).toEqual(
      landed.map((outcome) => outcome.undoId).sort(),
    );
    const backups = await readdir(join(context.stateDir, 'backups'));
    expect(backups).toHaveLength(landed.length);
    // Every printed undo id works: undone newest first, the file is back to the user's own.
    const newestFirst = [...landed].sort((a, b) => (a.undoId! < b.undoId! ? 1 : -1));
    for (const outcome of newestFirst) await undoChange(context, outcome.undoId!);
    expect(await readFile(profile, 'utf8')).toBe(original);
    expect((await readdir(home)).filter((name) => name.endsWith('.devutil-lock'))).toEqual([]);
  }, 120_000);
});

describe('the lock beside a file', () => {
  it('makes a second writer wait, then give up with a clear message, running nothing', async () => {
    const { home } = await testHome('bash');
    const file = join(home, '.profile');
    let release!: () => void;
    let holding!: () => void;
    const holds = new Promise<void>((resolve) => (holding = resolve));
    const held = withFileLock(
      file,
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          holding();
        }),
    );
    // Both would try to take the lock at once (each an open in libuv's pool, in no set order):
    // the second starts only once the first holds it.
    await holds;
    let ran = false;
    await expect(
      withFileLock(
        file,
        async () => {
          ran = true;
        },
        300,
      ),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        new RegExp(
          `^Another DevUtil Suite write to ${file} is still running \\(process ${process.pid}\\) after 0.3 s, so nothing was written`,
        ),
      ) as unknown,
    });
    expect(ran).toBe(false);
    release();
    await held;
    await withFileLock(file, async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });

  it('says in one sentence when no lock file can be made, and runs nothing', async () => {
    const { home } = await testHome('bash');
    const file = join(home, 'missing-folder', '.profile');
    let ran = false;
    await expect(
      withFileLock(file, async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({
      code: 'FAILED',
      message: `${join(home, 'missing-folder')} cannot be written (ENOENT), so its lock file could not be made. Nothing was changed.`,
    });
    expect(ran).toBe(false);
  });

  it('breaks a lock left by a process that no longer runs', async () => {
    const { home } = await testHome('bash');
    const file = join(home, '.profile');
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    await writeFile(`${file}.devutil-lock`, JSON.stringify({ pid: dead.pid, host: hostname() }));
    expect(await withFileLock(file, async () => 'ran', 2000)).toBe('ran');
  });
});
