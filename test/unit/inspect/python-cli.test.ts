import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectPython } from '../../../src-main/tools/inspect/python/inspect-python.ts';
import { findInterpreters } from '../../../src-main/tools/inspect/python/interpreters.ts';
import { runSuite } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';

const run = promisify(execFile);
const python = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();

/** A venv with a conflict, an editable install and a chain for "why". */
describe('suite inspect python on a real venv', () => {
  let root: string;
  let venv: string;
  beforeAll(async () => {
    root = await tempDir('python-cli');
    venv = join(root, 'venv');
    await run(python, ['-m', 'venv', '--without-pip', venv], { timeout: 120_000 });
    const { stdout } = await run(join(venv, 'bin', 'python'), [
      '-c',
      'import sysconfig; print(sysconfig.get_paths()["purelib"])',
    ]);
    const site = stdout.trim();
    const dist = async (name: string, version: string, requires: string[]) => {
      const folder = join(site, `${name}-${version}.dist-info`);
      await mkdir(folder, { recursive: true });
      await writeFile(
        join(folder, 'METADATA'),
        [
          `Metadata-Version: 2.1`,
          `Name: ${name}`,
          `Version: ${version}`,
          ...requires.map((r) => `Requires-Dist: ${r}`),
          '',
        ].join('\n'),
      );
    };
    await dist('web', '1.0', ['http>=2']);
    await dist('http', '1.0', ['idna']);
    await dist('idna', '3.0', []);
  }, 150_000);

  it('exports requirements with exit 0 although the environment has a conflict', async () => {
    const check = await runSuite(['inspect', 'python', '--python', venv]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('web 1.0 has requirement http>=2, but you have http 1.0.');
    const exported = await runSuite(['inspect', 'python', '--python', venv, '--requirements']);
    expect(exported).toMatchObject({ code: 0, stdout: 'http==1.0\nidna==3.0\nweb==1.0\n', stderr: '' });
  }, 60_000);

  it('answers why a package is installed, and prints the graph', async () => {
    const why = await runSuite(['inspect', 'python', '--python', venv, '--why', 'IDNA']);
    expect(why).toMatchObject({ code: 0, stdout: 'web → http → idna\n' });
    const absent = await runSuite(['inspect', 'python', '--python', venv, '--why', 'nothing-here']);
    expect(absent).toMatchObject({ code: 1, stdout: 'nothing-here is not installed.\n' });
    const dot = await runSuite(['inspect', 'python', '--python', venv, '--graph', 'dot']);
    expect(dot.code).toBe(0);
    expect(dot.stdout).toContain('"web" -> "http" [label=">=2", color=red, style=dashed];');
    const bad = await runSuite(['inspect', 'python', '--python', venv, '--graph', 'png']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('stops the interpreter it started when cancelled', async () => {
    const slow = join(root, 'slow-python');
    const pidFile = join(root, 'slow.pid');
    await writeFile(slow, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 300\n`);
    await chmod(slow, 0o755);
    const controller = new AbortController();
    const pending = inspectPython(slow, {}, controller.signal);
    await expect
      .poll(() => readFile(pidFile, 'utf8').then(Boolean, () => false), { timeout: 10_000 })
      .toBe(true);
    const started = Date.now();
    controller.abort();
    await expect(pending).rejects.toThrow('Cancelled.');
    expect(Date.now() - started).toBeLessThan(1000);
    const pid = Number(await readFile(pidFile, 'utf8'));
    await expect
      .poll(
        async () => {
          try {
            process.kill(pid, 0);
          } catch {
            return false;
          }
          return !/^\d+ \(.*\) Z/.test(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''));
        },
        { timeout: 5000 },
      )
      .toBe(false);
  }, 30_000);
});

describe('pip freeze --local in a venv that sees the system site-packages', () => {
  it('equals pip freeze and pip freeze --local line for line', async () => {
    const root = await tempDir('local');
    const venv = join(root, 'venv');
    await run(python, ['-m', 'venv', '--without-pip', '--system-site-packages', venv], { timeout: 120_000 });
    const venvPython = join(venv, 'bin', 'python');
    const { stdout } = await run(venvPython, [
      '-c',
      'import sysconfig; print(sysconfig.get_paths()["purelib"])',
    ]);
    const folder = join(stdout.trim(), 'own_pkg-1.0.dist-info');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'METADATA'), 'Metadata-Version: 2.1\nName: own-pkg\nVersion: 1.0\n');
    // pip itself comes from the system site-packages the venv sees.
    const freeze = async (args: string[]) =>
      (
        await run(venvPython, ['-m', 'pip', 'freeze', ...args, '--disable-pip-version-check'], {
          timeout: 120_000,
        })
      ).stdout;
    const [all, local, oursAll, oursLocal] = await Promise.all([
      freeze([]),
      freeze(['--local']),
      inspectPython(venv),
      inspectPython(venv, { local: true }),
    ]);
    expect(local).toBe('own-pkg==1.0\n');
    expect(oursLocal.requirementsTxt).toBe(local);
    expect(oursAll.requirementsTxt).toBe(all);
  }, 120_000);
});

describe('interpreter discovery', () => {
  it('asks each candidate once, in parallel with a time limit, and then answers from the cache until the binary changes', async () => {
    const root = await tempDir('discovery');
    const bin = join(root, 'bin');
    await mkdir(bin);
    const log = join(root, 'asked.log');
    // Stand-ins: one answers, one hangs (stopped at the time limit), one is a pyenv shim without a version.
    await writeFile(join(bin, 'python3'), `#!/bin/sh\necho asked >> ${log}\necho "Python 3.99.1"\n`);
    await writeFile(join(bin, 'python3.98'), '#!/bin/sh\nexec sleep 300\n');
    await writeFile(
      join(bin, 'python'),
      '#!/bin/sh\necho "pyenv: python: command not found" >&2\nexit 127\n',
    );
    for (const name of ['python3', 'python3.98', 'python']) await chmod(join(bin, name), 0o755);
    const env = { PATH: bin, HOME: root, XDG_CACHE_HOME: join(root, 'cache') };

    const started = Date.now();
    const first = await findInterpreters(env);
    // Limited to 0.8 s each, all at once: the hung one cannot hold the others up.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(first).toEqual([
      { path: join(bin, 'python3'), version: '3.99.1', foundVia: `PATH (${bin})`, error: null },
      {
        path: join(bin, 'python3.98'),
        version: null,
        foundVia: `PATH (${bin})`,
        error: `${join(bin, 'python3.98')} did not answer within 0.8 s and was stopped.`,
      },
    ]);
    await findInterpreters(env);
    expect((await readFile(log, 'utf8')).trim().split('\n')).toHaveLength(1);
    // Named by the user: nothing is started, the cache answers.
    expect(await findInterpreters(env, { cachedOnly: true })).toEqual([first[0]]);
    await writeFile(join(bin, 'python3'), `#!/bin/sh\necho asked >> ${log}\necho "Python 3.99.2"\n`);
    await utimes(join(bin, 'python3'), new Date(), new Date(Date.now() + 5000));
    expect((await findInterpreters(env))[0]!.version).toBe('3.99.2');
    expect((await readFile(log, 'utf8')).trim().split('\n')).toHaveLength(2);
  }, 30_000);
});
