import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import type { OpensslExecutable } from '../../../src-main/contract/inspect.ts';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectLibraries, libraryVersion } from '../../../src-main/tools/inspect/libraries.ts';
import { inspectOpenssl, supportStatus } from '../../../src-main/tools/inspect/openssl.ts';
import { runSuite } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('inspect');
});

/** Whether a process still runs (a zombie counts as gone). */
async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const status = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return !/^\d+ \(.*\) Z/.test(status);
}

async function fakeOpenssl(folder: string, script: string): Promise<string> {
  await mkdir(join(dir, folder), { recursive: true });
  const path = join(dir, folder, 'openssl');
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('openssl executables', () => {
  it('finds the machine’s real openssl and reads its version like `openssl version` does', async () => {
    const report = await inspectOpenssl();
    const real = await realpath(
      execFileSync('sh', ['-c', 'command -v openssl'], { encoding: 'utf8' }).trim(),
    );
    const winner = report.executables.find((entry) => entry.wins)!;
    expect(winner.realPath).toBe(real);
    expect(winner.version).toBe(execFileSync('openssl', ['version'], { encoding: 'utf8' }).split(' ')[1]);
    expect(winner.openssldir).toBe(
      /OPENSSLDIR: "([^"]*)"/.exec(execFileSync('openssl', ['version', '-d'], { encoding: 'utf8' }))![1],
    );
  });

  it('flags a 1.0.2 first on PATH as out of support, and it is the one that runs', async () => {
    const fake = await fakeOpenssl(
      'old',
      `cat <<'EOF'\nOpenSSL 1.0.2u  20 Dec 2019\nbuilt on: reproducible build, date unspecified\nplatform: darwin64-x86_64-cc\nOPENSSLDIR: "/usr/local/etc/openssl"\nEOF`,
    );
    const report = await inspectOpenssl({ PATH: `${join(dir, 'old')}:${process.env.PATH}` });
    const first = report.executables[0]!;
    expect(first).toMatchObject({
      path: fake,
      wins: true,
      version: '1.0.2u',
      platform: 'darwin64-x86_64-cc',
      openssldir: '/usr/local/etc/openssl',
    });
    expect(first.support).toEqual({
      status: 'out-of-support',
      until: '2019-12-31',
      note: 'OpenSSL 1.0.2 went out of support on 2019-12-31.',
    });
    expect(report.flagged).toBe(true);
  });

  it('stops a hung wrapper with its whole process group within the time limit', async () => {
    const pidFile = join(dir, 'hung-child.pid');
    // The wrapper starts a child that would keep the output pipe open, and waits for it.
    await fakeOpenssl('hang', `sleep 300 &\necho $! > ${pidFile}\nwait`);
    const started = Date.now();
    const report = await inspectOpenssl({ PATH: join(dir, 'hang') });
    expect(report.executables[0]!.error).toMatch(/did not answer within 5 s and was stopped/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const child = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => alive(child), { timeout: 5000 }).toBe(false);
  }, 20_000);

  it('lets the CLI exit promptly after a hung wrapper, its child stopped too', async () => {
    const pidFile = join(dir, 'cli-child.pid');
    await fakeOpenssl('cli-hang', `sleep 300 &\necho $! > ${pidFile}\nwait`);
    const started = Date.now();
    const result = await runSuite(['inspect', 'openssl'], {
      ...process.env,
      PATH: `${join(dir, 'cli-hang')}:${process.env.PATH}`,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('did not answer within 5 s and was stopped');
    expect(Date.now() - started).toBeLessThan(20_000);
    const child = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => alive(child), { timeout: 5000 }).toBe(false);
  }, 30_000);

  it('stops at once, child processes included, when the caller cancels', async () => {
    const pidFile = join(dir, 'cancel-child.pid');
    await fakeOpenssl('cancel', `sleep 300 &\necho $! > ${pidFile}\nwait`);
    const controller = new AbortController();
    const pending = inspectOpenssl({ PATH: join(dir, 'cancel') }, controller.signal);
    await expect
      .poll(() => readFile(pidFile, 'utf8').then(Boolean, () => false), { timeout: 10_000 })
      .toBe(true);
    const started = Date.now();
    controller.abort();
    await expect(pending).rejects.toThrow('Cancelled.');
    expect(Date.now() - started).toBeLessThan(1000);
    const child = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => alive(child), { timeout: 5000 }).toBe(false);
  }, 20_000);

  it('reads vendor suffixes, the library really loaded, OpenSSL 4.0 and LibreSSL', async () => {
    const cases: [string, string, Partial<OpensslExecutable>][] = [
      ['fips', 'OpenSSL 1.0.2k-fips  26 Jan 2017', { version: '1.0.2k-fips', vendorSuffix: '-fips' }],
      ['rhel8', 'OpenSSL 1.1.1k  FIPS 25 Mar 2021', { version: '1.1.1k', vendorSuffix: ' FIPS' }],
      ['quic', 'OpenSSL 3.1.4+quic 24 Oct 2023', { version: '3.1.4+quic', vendorSuffix: '+quic' }],
      [
        'four',
        'OpenSSL 4.0.0 14 Apr 2026 (Library: OpenSSL 4.0.0 14 Apr 2026)',
        { version: '4.0.0', library: null },
      ],
      ['libre', 'LibreSSL 3.3.6', { product: 'LibreSSL', version: '3.3.6' }],
    ];
    const day = new Date('2026-11-30');
    for (const [folder, line, expected] of cases) {
      await fakeOpenssl(folder, `echo '${line}'`);
      const report = await inspectOpenssl({ PATH: join(dir, folder) });
      expect(report.executables[0], line).toMatchObject(expected);
    }
    expect(supportStatus('OpenSSL', '1.0.2k', null, day)).toMatchObject({
      status: 'out-of-support',
      until: '2019-12-31',
    });
    expect(supportStatus('OpenSSL', '4.0.0', null, day)).toMatchObject({
      status: 'supported',
      until: '2027-05-14',
    });
    expect(supportStatus('OpenSSL', '3.0.19', null, day)).toMatchObject({
      status: 'out-of-support',
      until: '2026-09-07',
    });

    await fakeOpenssl('silent', 'exit 0');
    expect((await inspectOpenssl({ PATH: join(dir, 'silent') })).executables[0]!.error).toMatch(
      /printed no OpenSSL, LibreSSL or BoringSSL version/,
    );

    await fakeOpenssl('mixed', `echo 'OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 1.1.1f  31 Mar 2020)'`);
    const mixed = (await inspectOpenssl({ PATH: join(dir, 'mixed') })).executables[0]!;
    expect(mixed.version).toBe('3.0.2');
    expect(mixed.library).toMatchObject({
      product: 'OpenSSL',
      version: '1.1.1f',
      support: { status: 'out-of-support', until: '2023-09-11' },
    });
  });

  it('knows the release policy, including lines it has no data for', () => {
    const day = new Date('2026-11-24');
    expect(supportStatus('OpenSSL', '3.5.8', null, day).status).toBe('supported');
    expect(supportStatus('OpenSSL', '1.1.1w', null, day).status).toBe('out-of-support');
    expect(supportStatus('OpenSSL', '3.0.19', 'debian-amd64', day).note).toContain(
      'Your distribution may still ship security fixes',
    );
    expect(supportStatus('OpenSSL', '9.9.0', null, day).status).toBe('unknown');
    // LibreSSL by its own dates: a branch lives until the second OpenBSD release after its own.
    expect(supportStatus('LibreSSL', '3.3.6', null, day)).toMatchObject({
      status: 'out-of-support',
      until: '2022-04-21',
    });
    expect(supportStatus('LibreSSL', '4.3.0', null, day).status).toBe('supported');
    expect(supportStatus('LibreSSL', '4.2.1', null, day).status).toBe('unknown');
    expect(supportStatus('LibreSSL', '2.8.3', null, day).status).toBe('out-of-support');
  });
});

describe('libssl and libcrypto', () => {
  it('reads versions from file names on every platform', () => {
    expect(libraryVersion('libcrypto.so.1.1')).toEqual({ kind: 'libcrypto', version: '1.1' });
    expect(libraryVersion('libssl.so.3')).toEqual({ kind: 'libssl', version: '3' });
    expect(libraryVersion('libcrypto.1.0.0.dylib')).toEqual({ kind: 'libcrypto', version: '1.0.0' });
    expect(libraryVersion('libssl.dylib')).toEqual({ kind: 'libssl', version: null });
    expect(libraryVersion('libcrypto-3-x64.dll')).toEqual({ kind: 'libcrypto', version: '3' });
    expect(libraryVersion('libsslcommon.so')).toBeNull();
  });

  it('flags the seed’s dangling libcrypto.1.0.0.dylib link found through LD_LIBRARY_PATH', async () => {
    const libs = join(dir, 'libs');
    await mkdir(libs);
    await writeFile(join(libs, 'libssl.so.1.1'), 'not really a library');
    await symlink(join(libs, 'gone', 'libcrypto.1.0.0.dylib'), join(libs, 'libcrypto.1.0.0.dylib'));
    const report = await inspectLibraries({ LD_LIBRARY_PATH: libs }, []);
    const dangling = report.libraries.find((library) => library.path.endsWith('libcrypto.1.0.0.dylib'))!;
    expect(dangling).toMatchObject({
      kind: 'libcrypto',
      version: '1.0.0',
      dangling: true,
      resolved: null,
      foundVia: `LD_LIBRARY_PATH (${libs})`,
    });
    expect(report.libraries.find((library) => library.path.endsWith('libssl.so.1.1'))).toMatchObject({
      dangling: false,
      version: '1.1',
    });
    expect(report.flagged).toBe(true);
    expect(report.markdown).toContain('DANGLING');
  });

  it('reads the ldconfig cache on Linux', async () => {
    const report = await inspectLibraries();
    const expected = execFileSync('/sbin/ldconfig', ['-p'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /^\s*lib(ssl|crypto)/.test(line)).length;
    expect(report.ldconfig?.length).toBe(expected);
  });
});
