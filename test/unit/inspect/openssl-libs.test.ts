import { execFileSync } from 'node:child_process';
import { chmod, mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectLibraries, libraryVersion } from '../../../src-main/tools/inspect/libraries.ts';
import { inspectOpenssl, supportStatus } from '../../../src-main/tools/inspect/openssl.ts';
import { tempDir } from '../../support/temp.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('inspect');
});

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

  it('reports a binary that hangs instead of waiting for it', async () => {
    await fakeOpenssl('hang', 'sleep 30');
    const started = Date.now();
    const report = await inspectOpenssl({ PATH: join(dir, 'hang') });
    expect(report.executables[0]!.error).toMatch(/did not answer within 5 s and was stopped/);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 15_000);

  it('knows the release policy, including lines it has no data for', () => {
    const day = new Date('2026-11-24');
    expect(supportStatus('OpenSSL', '3.5.8', null, day).status).toBe('supported');
    expect(supportStatus('OpenSSL', '1.1.1w', null, day).status).toBe('out-of-support');
    expect(supportStatus('OpenSSL', '3.0.19', 'debian-amd64', day).note).toContain(
      'Your distribution may still ship security fixes',
    );
    expect(supportStatus('OpenSSL', '9.9.0', null, day).status).toBe('unknown');
    expect(supportStatus('LibreSSL', '3.3.6', null, day).status).toBe('unknown');
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
