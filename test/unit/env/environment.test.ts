import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEnvironment, whereSet } from '../../../src-main/tools/env/env-service.ts';
import { readLoginEnvironment } from '../../../src-main/tools/env/login-env.ts';
import { analyzePathList, isPathLike } from '../../../src-main/tools/env/path-like.ts';
import { temporaryCommands } from '../../../src-main/tools/env/quoting.ts';
import { looksSecret } from '../../../src-main/tools/env/secrets.ts';
import { setForGood, testHome } from '../../support/env-home.ts';

/** A profile that starts a child of its own and waits for it: the child's pid says which one is ours. */
const HANGING_PROFILE =
  'sleep 60 &\necho $! > "$HOME/sleep.pid.part" && mv "$HOME/sleep.pid.part" "$HOME/sleep.pid"\nwait\n';

/** Whether a process runs (a zombie waiting to be reaped does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function pidIn(file: string): Promise<number> {
  await waitFor(() => existsSync(file), `${file} to be written`);
  return Number(readFileSync(file, 'utf8').trim());
}

/** Killed with its process group; the kernel may take a moment on a busy machine. */
async function expectGone(pid: number): Promise<void> {
  await waitFor(() => !running(pid), `process ${pid} to end`, 5000);
}

describe('the environment of a login shell', () => {
  it("includes what the user's profile sets, which this process does not have", async () => {
    const { home, context } = await testHome('bash');
    await writeFile(join(home, '.profile'), 'export SUITE_FROM_PROFILE="from .profile"\n');
    const view = await listEnvironment(context);
    expect(view.source).toBe('login-shell');
    expect(view.pathDelimiter).toBe(':');
    expect(view.variables.find((variable) => variable.name === 'SUITE_FROM_PROFILE')?.value).toBe(
      'from .profile',
    );
    expect(process.env.SUITE_FROM_PROFILE).toBeUndefined();
  });

  it('falls back to this process and says why when the shell fails', async () => {
    const { home, context } = await testHome('bash');
    await writeFile(join(home, '.profile'), 'exit 3\n');
    const view = await listEnvironment(context);
    expect(view.source).toBe('process');
    expect(view.fallbackReason).toMatch(/^Your login shell \(bash -lic\) exited with status 3/);
  });

  it('gives up on a shell that hangs, within the time limit, and kills its own children', async () => {
    const { home, context } = await testHome('bash');
    await writeFile(join(home, '.profile'), HANGING_PROFILE);
    await expect(
      readLoginEnvironment('bash', context.shellPath, context, { timeoutMs: 1000 }),
    ).rejects.toThrow(
      'Your login shell (bash -lic) did not finish within 1 s; a startup file may be waiting for input.',
    );
    await expectGone(await pidIn(join(home, 'sleep.pid')));
  });

  it('stops the shell and its children when the caller cancels', async () => {
    const { home, context } = await testHome('bash');
    await writeFile(join(home, '.profile'), HANGING_PROFILE);
    const controller = new AbortController();
    const listing = listEnvironment(context, undefined, { signal: controller.signal });
    const sleeper = await pidIn(join(home, 'sleep.pid'));
    expect(running(sleeper)).toBe(true);
    controller.abort();
    await expect(listing).rejects.toMatchObject({ code: 'CANCELLED' });
    await expectGone(sleeper);
  });

  it("Where stops its traced shell and that shell's children when the caller cancels", async () => {
    const { home, context } = await testHome('bash');
    await writeFile(join(home, '.profile'), HANGING_PROFILE);
    const controller = new AbortController();
    const asking = whereSet(context, 'ANY', undefined, false, { signal: controller.signal });
    const sleeper = await pidIn(join(home, 'sleep.pid'));
    controller.abort();
    await expect(asking).rejects.toMatchObject({ code: 'CANCELLED' });
    await expectGone(sleeper);
  });

  it('marks secrets and PATH-like variables', () => {
    for (const name of [
      'GITHUB_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'DB_PASSWORD',
      'NPM_AUTH',
      'OPENAI_API_KEY',
      'MYTOKEN',
    ])
      expect(looksSecret(name), name).toBe(true);
    for (const name of ['PATH', 'HOME', 'KEYBOARD_LAYOUT', 'PASSAGE', 'TERM'])
      expect(looksSecret(name), name).toBe(false);
    for (const name of [
      'PATH',
      'MANPATH',
      'PYTHONPATH',
      'LD_LIBRARY_PATH',
      'DYLD_LIBRARY_PATH',
      'DYLD_FALLBACK_FRAMEWORK_PATH',
      'GOPATH',
    ])
      expect(isPathLike(name), name).toBe(true);
    expect(isPathLike('HOME')).toBe(false);
    expect(isPathLike('GRPC_DEFAULT_SSL_ROOTS_FILE_PATH')).toBe(false);
  });

  it('flags PATH entries that are missing, not folders, repeated or empty', async () => {
    const { home } = await testHome('bash');
    await mkdir(join(home, 'bin'));
    await writeFile(join(home, 'file'), '');
    const entries = analyzePathList(
      'PATH',
      [join(home, 'bin'), join(home, 'nope'), join(home, 'file'), join(home, 'bin'), ''].join(':'),
      'linux',
    );
    expect(entries.map((entry) => entry.problem)).toEqual([
      null,
      'missing',
      'not-a-directory',
      'duplicate',
      'empty',
    ]);
  });
});

describe('where a variable is set', () => {
  it('finds assignments in bash startup files, with file and line, and marks the app’s own', async () => {
    const { home, context } = await testHome('bash');
    await writeFile(join(home, '.bash_profile'), '# comment\nexport JAVA_HOME=/opt/jdk\n');
    await writeFile(
      join(home, '.bashrc'),
      'JAVA_HOME=/other\ndeclare -x JAVA_HOME=/third\nexport EDITOR JAVA_HOME\nNOT_JAVA_HOME=1\n',
    );
    const result = await whereSet(context, 'JAVA_HOME');
    expect(result.assignments.map((found) => [found.file.replace(home, '~'), found.line])).toEqual([
      ['~/.bash_profile', 2],
      ['~/.bashrc', 1],
      ['~/.bashrc', 2],
      ['~/.bashrc', 3],
    ]);
    expect(result.files.map((file) => file.path.replace(home, '~'))).toContain('~/.profile');
  });

  it('finds zsh path arrays and fish set -gx / fish_add_path', async () => {
    const zsh = await testHome('zsh');
    await writeFile(join(zsh.home, '.zshrc'), 'path+=(/opt/zsh/bin)\nexport PATH="$HOME/bin:$PATH"\n');
    const inHome = (result: Awaited<ReturnType<typeof whereSet>>) =>
      result.assignments.filter(
        (found) => found.file.startsWith(zsh.home) || found.file.startsWith(fish.home),
      );
    const fish = await testHome('fish');
    expect(inHome(await whereSet(zsh.context, 'PATH')).map((found) => found.line)).toEqual([1, 2]);
    await mkdir(join(fish.home, '.config', 'fish'), { recursive: true });
    await writeFile(
      join(fish.home, '.config', 'fish', 'config.fish'),
      'set -gx EDITOR nvim\nfish_add_path ~/bin\nset -Ux PATH ~/x $PATH\n',
    );
    expect(inHome(await whereSet(fish.context, 'PATH')).map((found) => found.line)).toEqual([2, 3]);
    expect((await whereSet(fish.context, 'EDITOR')).assignments.map((found) => found.text)).toEqual([
      'set -gx EDITOR nvim',
    ]);
  });

  it('marks the lines of the managed block', async () => {
    const { context } = await testHome('bash');
    await setForGood(context, { name: 'SUITE_WHERE', value: 'x', action: 'set', shell: 'bash' });
    const result = await whereSet(context, 'SUITE_WHERE');
    expect(result.assignments).toHaveLength(1);
    expect(result.assignments[0]!.managed).toBe(true);
  });
});

describe('temporary commands', () => {
  const value = `it's "$HOME" \`x\` \\ ünï`;
  it('bash and fish run the line and get the value literally', () => {
    const commands = temporaryCommands('SUITE_TMP', value);
    expect(
      execFileSync('bash', ['--norc', '-c', `${commands.bash}; printf '%s' "$SUITE_TMP"`], {
        encoding: 'utf8',
      }),
    ).toBe(value);
    expect(
      execFileSync('zsh', ['-f', '-c', `${commands.bash}; printf '%s' "$SUITE_TMP"`], { encoding: 'utf8' }),
    ).toBe(value);
    expect(
      execFileSync('fish', ['--no-config', '-c', `${commands.fish}; printf '%s' "$SUITE_TMP"`], {
        encoding: 'utf8',
      }),
    ).toBe(value);
  });

  it('quotes for PowerShell and warns where cmd cannot be exact', () => {
    const commands = temporaryCommands('SUITE_TMP', "50% it's");
    expect(commands.powershell).toBe(`$env:SUITE_TMP = '50% it''s'`);
    expect(commands.cmd).toBe(`set "SUITE_TMP=50% it's"`);
    expect(commands.cmdWarning).toBe(
      'Not exact in cmd: cmd expands %NAME% even inside quotes. Use PowerShell for this value.',
    );
    expect(temporaryCommands('A', 'plain').cmdWarning).toBeNull();
  });
});
