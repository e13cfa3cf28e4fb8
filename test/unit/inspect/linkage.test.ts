import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectLibraries } from '../../../src-main/tools/inspect/libraries.ts';
import { hostArch } from '../../../src-main/tools/inspect/linkage/binary-format.ts';
import { inspectLinkage } from '../../../src-main/tools/inspect/linkage/inspect-linkage.ts';
import { parseLdCache } from '../../../src-main/tools/inspect/linkage/ld-cache.ts';
import { tempDir } from '../../support/temp.ts';

/**
 * Programs compiled now with cc against a copy of the system's libcrypto in a temporary folder,
 * found through RPATH, RUNPATH with $ORIGIN, and a library in between; then with the copy gone or
 * broken. Every answer is compared with what ldd (glibc's loader itself) says.
 */
const run = promisify(execFile);
const linux = process.platform === 'linux';

async function systemLibcrypto(): Promise<string> {
  const { stdout } = await run('ldd', ['/usr/bin/openssl']);
  return /libcrypto\.so\.\S+ => (\S+)/.exec(stdout)![1]!;
}

/** ldd's answer: each `name => path` or `name => not found`. */
async function ldd(path: string): Promise<Map<string, string | null>> {
  const { stdout } = await run('ldd', [path], { env: { ...process.env, LD_LIBRARY_PATH: '' } }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const map = new Map<string, string | null>();
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\S+) => (?:not found|(\S+) \(0x[0-9a-f]+\))/.exec(line);
    if (match) map.set(match[1]!, match[2] ?? null);
  }
  return map;
}

async function ours(path: string): Promise<Map<string, string | null>> {
  const report = await inspectLinkage([path], { ...process.env, LD_LIBRARY_PATH: '' });
  return new Map(
    report.subjects[0]!.libraries // ldd lists the program interpreter apart, without "=>".
      .filter((library) => library.via !== 'the program interpreter (PT_INTERP)')
      .map((library) => [library.name, library.resolvedPath]),
  );
}

const SOURCE = `#include <openssl/crypto.h>
#include <stdio.h>
int main(void) { puts(OpenSSL_version(OPENSSL_VERSION)); return 0; }
`;

describe.runIf(linux)('linkage of programs compiled at test time, compared with ldd', () => {
  let root: string;
  let crypto: string;
  let cryptoName: string;
  beforeAll(async () => {
    root = await tempDir('linkage');
    crypto = await systemLibcrypto();
    cryptoName = crypto.split('/').at(-1)!;
    await writeFile(join(root, 'main.c'), SOURCE);
    await writeFile(
      join(root, 'wrap.c'),
      '#include <openssl/crypto.h>\nconst char *wrap(void) { return OpenSSL_version(0); }\n',
    );
    await writeFile(
      join(root, 'usewrap.c'),
      'const char *wrap(void);\n#include <stdio.h>\nint main(void) { puts(wrap()); return 0; }\n',
    );
  }, 60_000);

  /** A folder with a copy of libcrypto and a program whose RPATH (or RUNPATH) points at it. */
  async function build(
    name: string,
    flags: string[],
  ): Promise<{ dir: string; program: string; copy: string }> {
    const dir = join(root, name);
    await mkdir(join(dir, 'lib'), { recursive: true });
    const copy = join(dir, 'lib', cryptoName);
    await copyFile(crypto, copy);
    await symlink(cryptoName, join(dir, 'lib', 'libcrypto.so'));
    const program = join(dir, 'app');
    await run('cc', [join(root, 'main.c'), '-o', program, `-L${join(dir, 'lib')}`, '-lcrypto', ...flags], {
      timeout: 120_000,
    });
    return { dir, program, copy };
  }

  it('finds the copy through an RPATH, and with the copy removed goes on to the one ldd finds', async () => {
    const { program, copy, dir } = await build('rpath', [
      `-Wl,-rpath,${join(root, 'rpath', 'lib')}`,
      '-Wl,--disable-new-dtags',
    ]);
    const report = await inspectLinkage([program], { ...process.env, LD_LIBRARY_PATH: '' });
    const libcrypto = report.subjects[0]!.libraries.find((library) => library.name === cryptoName)!;
    expect(report.subjects[0]!.rpath).toEqual([join(dir, 'lib')]);
    expect(libcrypto).toMatchObject({
      state: 'found',
      resolvedPath: copy,
      via: `RPATH of ${program}`,
      tls: true,
    });
    expect(libcrypto.version).toMatch(/^OpenSSL \d+\.\d+\.\d+/);
    expect(report.flagged).toBe(false);
    expect(await ours(program)).toEqual(await ldd(program));

    await rm(copy);
    const after = await inspectLinkage([program], { ...process.env, LD_LIBRARY_PATH: '' });
    const gone = after.subjects[0]!.libraries.find((library) => library.name === cryptoName)!;
    // The system's libcrypto of the same name is still found in the cache: ld.so goes on searching.
    expect(gone.resolvedPath).toBe((await ldd(program)).get(cryptoName));
    expect(await ours(program)).toEqual(await ldd(program));
  }, 120_000);

  it('searches glibc-hwcaps and legacy capability subfolders and expands $PLATFORM as ld.so does', async () => {
    // Copies in every subfolder a glibc might search; ld.so (through ldd) decides which one this
    // CPU and this glibc take, and the suite must take the same one.
    const layouts: Record<string, string[]> = {
      hwcaps: ['glibc-hwcaps/x86-64-v2', 'glibc-hwcaps/x86-64-v3', 'glibc-hwcaps/aarch64-v1'],
      legacy: ['x86_64', 'tls', 'haswell', 'aarch64'],
    };
    for (const [name, subdirs] of Object.entries(layouts)) {
      const dir = join(root, `sub-${name}`);
      for (const subdir of subdirs) {
        await mkdir(join(dir, subdir), { recursive: true });
        await copyFile(crypto, join(dir, subdir, cryptoName));
      }
      const program = join(root, `sub-${name}-app`);
      await run(
        'cc',
        [join(root, 'main.c'), '-o', program, '-lcrypto', `-Wl,--disable-new-dtags,-rpath,${dir}`],
        { timeout: 120_000 },
      );
      expect(await ours(program)).toEqual(await ldd(program));
    }
    const platformDir = join(root, 'plat');
    for (const platform of ['haswell', 'x86_64', 'xeon_phi', 'aarch64']) {
      await mkdir(join(platformDir, 'lib', platform), { recursive: true });
      await copyFile(crypto, join(platformDir, 'lib', platform, cryptoName));
    }
    const program = join(platformDir, 'app');
    await run(
      'cc',
      [
        join(root, 'main.c'),
        '-o',
        program,
        '-lcrypto',
        '-Wl,--disable-new-dtags,-rpath,$ORIGIN/lib/$PLATFORM',
      ],
      { timeout: 120_000 },
    );
    const lddAnswer = await ldd(program);
    expect(lddAnswer.get(cryptoName)).toContain(join(platformDir, 'lib'));
    expect(await ours(program)).toEqual(lddAnswer);
  }, 240_000);

  it('reads an empty RPATH or LD_LIBRARY_PATH entry as the current folder, as ld.so does', async () => {
    const here = join(root, 'cwdlib');
    await mkdir(here, { recursive: true });
    await copyFile(crypto, join(here, cryptoName));
    const program = join(root, 'rpath-empty');
    await run(
      'cc',
      [join(root, 'main.c'), '-o', program, '-lcrypto', '-Wl,--disable-new-dtags,-rpath,/nonexistent:'],
      { timeout: 120_000 },
    );
    const plain = join(root, 'no-rpath');
    await run('cc', [join(root, 'main.c'), '-o', plain, '-lcrypto'], { timeout: 120_000 });
    const cli = join(process.cwd(), 'src-main', 'cli', 'main.ts');
    const node = join(process.cwd(), 'node_modules', '.bin', 'node');
    for (const [target, env] of [
      [program, { LD_LIBRARY_PATH: '' }],
      [plain, { LD_LIBRARY_PATH: ':/nonexistent' }],
    ] as const) {
      // ldd prints a library found through a relative folder without `=>`: its line has no path.
      const lddLine = (await run('ldd', [target], { cwd: here, env: { ...process.env, ...env } })).stdout
        .split('\n')
        .find((line) => line.includes(cryptoName))!;
      expect(lddLine.trim()).toMatch(new RegExp(`^${cryptoName.replace(/\./g, '\\.')} \\(0x`));
      const { stdout } = await run(node, [cli, 'inspect', 'linkage', target, '--json'], {
        cwd: here,
        env: { ...process.env, ...env },
        timeout: 120_000,
      });
      const report = JSON.parse(stdout) as Awaited<ReturnType<typeof inspectLinkage>>;
      const found = report.subjects[0]!.libraries.find((library) => library.name === cryptoName)!;
      expect(found.resolvedPath).toBe(join(here, cryptoName));
    }
  }, 240_000);

  it('says a symbolic-link loop is a loop', async () => {
    await symlink('loop-b', join(root, 'loop-a'));
    await symlink('loop-a', join(root, 'loop-b'));
    await expect(inspectLinkage([join(root, 'loop-a')])).rejects.toThrow(/is a loop of symbolic links/);
  });

  it('reports a libcrypto found nowhere as missing, with a fix in words, as ldd says "not found"', async () => {
    // A stand-in for an old libcrypto (soname libcrypto.so.1.0.0, which no current system has).
    const dir = join(root, 'old');
    await mkdir(join(dir, 'lib'), { recursive: true });
    await writeFile(join(dir, 'old.c'), 'int CRYPTO_old(void) { return 100; }\n');
    await writeFile(
      join(dir, 'main.c'),
      'int CRYPTO_old(void);\nint main(void) { return CRYPTO_old() - 100; }\n',
    );
    const library = join(dir, 'lib', 'libcrypto.so.1.0.0');
    await run(
      'cc',
      ['-shared', '-fPIC', join(dir, 'old.c'), '-o', library, '-Wl,-soname,libcrypto.so.1.0.0'],
      { timeout: 120_000 },
    );
    const program = join(dir, 'app');
    await run('cc', [join(dir, 'main.c'), '-o', program, library, `-Wl,-rpath,${join(dir, 'lib')}`], {
      timeout: 120_000,
    });
    const before = await inspectLinkage([program], { ...process.env, LD_LIBRARY_PATH: '' });
    expect(before.flagged).toBe(false);
    expect(await ours(program)).toEqual(await ldd(program));

    await rm(library);
    const report = await inspectLinkage([program], { ...process.env, LD_LIBRARY_PATH: '' });
    const missing = report.subjects[0]!.libraries.filter((entry) => entry.state === 'missing');
    expect(missing.map((entry) => entry.name)).toEqual(['libcrypto.so.1.0.0']);
    expect((await ldd(program)).get('libcrypto.so.1.0.0')).toBeNull();
    expect(report.flagged).toBe(true);
    expect(report.subjects[0]!.fixes).toEqual([
      expect.stringMatching(
        /^app needs libcrypto\.so\.1\.0\.0, which is nowhere on its search path: install the OpenSSL release that provides it, or rebuild app/,
      ),
    ]);
    expect(await ours(program)).toEqual(await ldd(program));
  }, 120_000);

  it('follows RUNPATH with $ORIGIN through a library in between, and passes over a dangling link and a file of another architecture', async () => {
    const dir = join(root, 'origin');
    await mkdir(join(dir, 'lib'), { recursive: true });
    await mkdir(join(dir, 'bad'), { recursive: true });
    const copy = join(dir, 'lib', cryptoName);
    await copyFile(crypto, copy);
    await symlink(cryptoName, join(dir, 'lib', 'libcrypto.so'));
    // In bad/: a dangling link and a libcrypto whose ELF header says another machine.
    await symlink('/nonexistent/libcrypto', join(dir, 'bad', cryptoName));
    await run(
      'cc',
      [
        '-shared',
        '-fPIC',
        join(root, 'wrap.c'),
        '-o',
        join(dir, 'lib', 'libwrap.so'),
        `-L${join(dir, 'lib')}`,
        '-lcrypto',
        '-Wl,-rpath,$ORIGIN/../bad:$ORIGIN',
        '-Wl,--enable-new-dtags',
      ],
      { timeout: 120_000 },
    );
    await run(
      'cc',
      [
        join(root, 'usewrap.c'),
        '-o',
        join(dir, 'app'),
        `-L${join(dir, 'lib')}`,
        '-lwrap',
        '-Wl,-rpath,$ORIGIN/lib',
        '-Wl,--enable-new-dtags',
      ],
      { timeout: 120_000 },
    );
    const program = join(dir, 'app');
    const report = await inspectLinkage([program], { ...process.env, LD_LIBRARY_PATH: '' });
    const libraries = report.subjects[0]!.libraries;
    expect(report.subjects[0]!.runpath).toEqual(['$ORIGIN/lib']);
    expect(libraries.find((library) => library.name === 'libwrap.so')).toMatchObject({
      resolvedPath: join(dir, 'lib', 'libwrap.so'),
      chain: [],
    });
    const viaWrap = libraries.find((library) => library.name === cryptoName)!;
    expect(viaWrap).toMatchObject({
      resolvedPath: copy,
      chain: ['libwrap.so'],
      neededBy: join(dir, 'lib', 'libwrap.so'),
    });
    expect(viaWrap.rejected).toEqual([
      { path: join(dir, 'bad', cryptoName), reason: 'a dangling symbolic link' },
    ]);
    expect(await ours(program)).toEqual(await ldd(program));

    // Another architecture: the loader skips it and takes the next on the path.
    await rm(join(dir, 'bad', cryptoName));
    const bytes = await readFile(crypto);
    bytes.writeUInt16LE(bytes.readUInt16LE(18) === 62 ? 183 : 62, 18);
    await writeFile(join(dir, 'bad', cryptoName), bytes);
    const again = await inspectLinkage([program], { ...process.env, LD_LIBRARY_PATH: '' });
    const skipped = again.subjects[0]!.libraries.find((library) => library.name === cryptoName)!;
    expect(skipped.rejected).toEqual([
      { path: join(dir, 'bad', cryptoName), reason: 'built for another architecture' },
    ]);
    expect(await ours(program)).toEqual(await ldd(program));
  }, 120_000);

  it("reads a Python's _ssl and _hashlib modules, and stops when cancelled", async () => {
    const { stdout } = await run('sh', ['-c', 'command -v python3']);
    const report = await inspectLinkage([stdout.trim()]);
    const targets = report.subjects.map((subject) => subject.target);
    expect(targets).toEqual([stdout.trim(), `${stdout.trim()}: _ssl`, `${stdout.trim()}: _hashlib`]);
    const ssl = report.subjects[1]!;
    expect(
      ssl.libraries
        .filter((library) => library.tls)
        .map((library) => library.name)
        .sort(),
    ).toEqual([...(await ldd(ssl.path!)).keys()].filter((name) => /lib(ssl|crypto)/.test(name)).sort());
    const controller = new AbortController();
    const pending = inspectLinkage([stdout.trim()], process.env, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow('Cancelled.');
  }, 60_000);

  it('reads /etc/ld.so.cache as ldconfig -p lists it', async () => {
    const entries = parseLdCache(await readFile('/etc/ld.so.cache'));
    const { stdout } = await run('/sbin/ldconfig', ['-p']).catch(() => run('ldconfig', ['-p']));
    const arch = process.arch === 'x64' ? 'x86-64' : process.arch === 'arm64' ? 'AArch64' : '';
    const listed = new Map<string, string>();
    for (const line of stdout.split('\n')) {
      const match = /^\s+(\S+) \(libc6,([^),]+)[^)]*\) => (\S+)$/.exec(line);
      if (match && match[2] === arch && !listed.has(match[1]!)) listed.set(match[1]!, match[3]!);
    }
    expect(listed.size).toBeGreaterThan(0);
    for (const [name, path] of listed) expect(entries.get(name), name).toBe(path);
  });
});

describe.runIf(linux)('library files checked for what they are', () => {
  it('flags a text file, a folder, a loop, a dangling link and another architecture; passes a real library', async () => {
    const dir = await tempDir('libs');
    const crypto = await systemLibcrypto();
    await copyFile(crypto, join(dir, 'libcrypto.so.3'));
    await writeFile(join(dir, 'libssl.so.3'), 'not a library\n');
    await mkdir(join(dir, 'libssl.so.4'));
    await symlink('libcrypto.so.1.1', join(dir, 'libcrypto.so.1.0.0'));
    await symlink('libcrypto.so.1.0.0', join(dir, 'libcrypto.so.1.1'));
    await symlink('gone/libssl.so.1.1', join(dir, 'libssl.so.1.1'));
    const bytes = await readFile(crypto);
    bytes.writeUInt16LE(bytes.readUInt16LE(18) === 62 ? 183 : 62, 18);
    await writeFile(join(dir, 'libcrypto.so.9'), bytes);
    const report = await inspectLibraries(process.env, [], [dir]);
    const states = Object.fromEntries(
      report.libraries.map((library) => [library.path.split('/').at(-1), library.state]),
    );
    expect(states).toEqual({
      'libcrypto.so.3': 'ok',
      'libssl.so.3': 'not-a-library',
      'libssl.so.4': 'folder',
      'libcrypto.so.1.0.0': 'loop',
      'libcrypto.so.1.1': 'loop',
      'libssl.so.1.1': 'dangling',
      'libcrypto.so.9': 'wrong-arch',
    });
    expect(report.libraries.find((library) => library.state === 'ok')!.fileVersion).toMatch(/^OpenSSL \d/);
    expect(report.flagged).toBe(true);
    await expect(inspectLibraries(process.env, [], [join(dir, 'nope')])).rejects.toThrow(
      `${join(dir, 'nope')} is not a folder.`,
    );
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(inspectLibraries(process.env, [], [dir], cancelled.signal)).rejects.toThrow('Cancelled.');
  });
});

/** A thin 64-bit little-endian Mach-O image with the given load commands, for this machine's CPU. */
function macho(fileType: number, commands: { cmd: number; text: string; extra?: number }[]): Buffer {
  const bodies = commands.map(({ cmd, text }) => {
    const headerSize = cmd === 0x8000001c ? 12 : 24;
    const size = Math.ceil((headerSize + Buffer.byteLength(text) + 1) / 8) * 8;
    const body = Buffer.alloc(size);
    body.writeUInt32LE(cmd, 0);
    body.writeUInt32LE(size, 4);
    body.writeUInt32LE(headerSize, 8);
    body.write(text, headerSize);
    return body;
  });
  const header = Buffer.alloc(32);
  header.writeUInt32LE(0xfeedfacf, 0);
  header.writeUInt32LE(hostArch().macho ?? 0x0100000c, 4);
  header.writeUInt32LE(fileType, 12);
  header.writeUInt32LE(bodies.length, 16);
  header.writeUInt32LE(
    bodies.reduce((sum, body) => sum + body.length, 0),
    20,
  );
  return Buffer.concat([header, ...bodies]);
}

describe('Mach-O load commands, resolved as dyld does', () => {
  it('finds @rpath/libcrypto through an @executable_path rpath, counts system libraries as in the shared cache, and reports the seed article’s missing libcrypto.1.0.0.dylib', async () => {
    const root = await tempDir('macho');
    await mkdir(join(root, 'bin'));
    await mkdir(join(root, 'lib'));
    const app = join(root, 'bin', 'app');
    await writeFile(
      app,
      macho(2, [
        { cmd: 0xc, text: '@rpath/libcrypto.1.0.0.dylib' },
        { cmd: 0xc, text: '/usr/lib/libSystem.B.dylib' },
        { cmd: 0x8000001c, text: '@executable_path/../lib' },
      ]),
    );
    const dylib = join(root, 'lib', 'libcrypto.1.0.0.dylib');
    await writeFile(dylib, macho(6, [{ cmd: 0xd, text: '@rpath/libcrypto.1.0.0.dylib' }]));
    const env = { ...process.env, DYLD_FALLBACK_LIBRARY_PATH: join(root, 'fallback') };
    const found = await inspectLinkage([app], env);
    expect(found.subjects[0]!.format).toMatch(/^Mach-O .* executable$/);
    expect(
      found.subjects[0]!.libraries.map((library) => [
        library.name,
        library.state,
        library.resolvedPath,
        library.version,
      ]),
    ).toEqual([
      ['@rpath/libcrypto.1.0.0.dylib', 'found', dylib, '1.0.0'],
      ['/usr/lib/libSystem.B.dylib', 'shared-cache', null, null],
    ]);
    expect(found.flagged).toBe(false);

    await rm(dylib);
    const missing = await inspectLinkage([app], env);
    expect(missing.subjects[0]!.libraries[0]).toMatchObject({
      name: '@rpath/libcrypto.1.0.0.dylib',
      state: 'missing',
      tls: true,
    });
    expect(missing.flagged).toBe(true);
    expect(missing.subjects[0]!.fixes[0]).toMatch(
      /^app needs @rpath\/libcrypto\.1\.0\.0\.dylib, which is nowhere on its search path/,
    );
  });
});
