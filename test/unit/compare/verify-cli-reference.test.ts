/**
 * The real CLI (`suite verify`, `suite hash`) against sha256sum on the same generated inputs, run the
 * same way from a shell: the same exit code and the same bytes on stdout. These are the shapes where
 * the checksum file itself is odd (missing, a folder, unreadable, empty, standard input, a pipe) and
 * names that are not UTF-8, which coreutils prints as raw bytes.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../../support/paths.ts';
import { tempDir } from '../../support/temp.ts';

let dir: string;
/** Word-split by the shell from $CHECK and $HASH (neither path holds a space). */
const SUITE = `${process.execPath} ${cliEntry}`;
/** Root reads any file whatever its mode: the permission case runs as `nobody`. */
const AS_USER = process.getuid?.() === 0 ? 'setpriv --reuid=65534 --regid=65534 --clear-groups ' : '';

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs a bash snippet in the corpus folder with $CHECK (sha256sum -c or suite verify) and $HASH set. */
function sh(script: string, tool: 'reference' | 'suite'): Run {
  const env = {
    ...process.env,
    CHECK: tool === 'reference' ? 'sha256sum -c' : `${SUITE} verify`,
    HASH: tool === 'reference' ? 'sha256sum' : `${SUITE} hash`,
  };
  const result = spawnSync('bash', ['-c', script], { cwd: dir, env, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

function expectSame(script: string): Run {
  const reference = sh(script, 'reference');
  const suite = sh(script, 'suite');
  expect({ code: suite.code, stdout: suite.stdout.toString('latin1') }).toEqual({
    code: reference.code,
    stdout: reference.stdout.toString('latin1'),
  });
  return suite;
}

beforeAll(async () => {
  dir = await tempDir('verify-cli');
  await chmod(dir, 0o755);
  await writeFile(join(dir, 'a'), 'alpha\n');
  await writeFile(join(dir, 'b'), 'bravo');
  await writeFile(join(dir, 'empty-sums'), '');
  await mkdir(join(dir, 'folder'));
  await writeFile(join(dir, 'locked-sums'), 'not read\n', { mode: 0o000 });
  await mkdir(join(dir, 'latin'));
  for (const name of ['caf\xe9', 'hi\xffthere', 'plain'])
    await writeFile(Buffer.from(join(dir, 'latin', name), 'latin1'), `content of ${name}`);
});

describe('a checksum file that cannot be read: exit 1, as sha256sum -c', () => {
  it.each([
    ['missing', '$CHECK no-such-sums'],
    ['a folder', '$CHECK folder'],
    ['empty', '$CHECK empty-sums'],
    ['empty standard input', ': | $CHECK -'],
    ['unreadable (as nobody)', `${AS_USER}$CHECK locked-sums`],
  ])('%s', (_shape, script) => {
    const suite = expectSame(script);
    expect(suite.code).toBe(1);
    expect(suite.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a checksum file on standard input or a pipe: names relative to the current folder', () => {
  it.each([
    ['"-"', 'sha256sum a b | $CHECK -'],
    ['no file at all', 'sha256sum a b | $CHECK'],
    ['redirected', 'sha256sum a b > sums; $CHECK - < sums'],
    ['process substitution', '$CHECK <(sha256sum a b)'],
    ['a failure through a pipe', '{ sha256sum a; sha256sum b | sed "s/^./0/"; } | $CHECK -'],
  ])('%s', (_shape, script) => {
    expect(expectSame(script).code).not.toBeNull();
  });
});

describe('plain SHA-256 lines print exactly what sha256sum -c prints', () => {
  it('no algorithm note when the line was checked as sha256sum checks it', () => {
    const suite = expectSame('sha256sum a b > plain-sums; $CHECK plain-sums');
    expect(suite.stdout.toString()).toBe('a: OK\nb: OK\n');
  });
});

describe('names that are not UTF-8: raw bytes on stdout, as coreutils writes them', () => {
  it('suite hash of such names, given by the shell', () => {
    expect(expectSame('cd latin && $HASH *').code).toBe(0);
  });
  it('suite verify of a checksum file listing them', () => {
    const suite = expectSame('cd latin && sha256sum caf* hi* plain > SUMS && $CHECK SUMS');
    expect(suite.stdout.includes(Buffer.from('hi\xffthere: OK', 'latin1'))).toBe(true);
  });
  it('a failed line with such a name', () => {
    expectSame(
      'cd latin && { sha256sum plain; sha256sum "$(printf "caf\\351")" | sed "s/^./0/"; } > BAD && $CHECK BAD',
    );
  });
});

describe('special files listed in a checksum file are reported, never waited on', () => {
  it('a FIFO: "FAILED open or read" and exit 1 where sha256sum -c would block', () => {
    const script =
      'mkfifo fifo 2>/dev/null; printf "%s  fifo\\n" "$(sha256sum < /dev/null | cut -c1-64)" > fifo-sums; $CHECK fifo-sums';
    const suite = sh(script, 'suite');
    expect(suite.code).toBe(1);
    expect(suite.stdout.toString()).toBe('fifo: FAILED open or read\n');
    expect(suite.stderr).toContain('fifo is a FIFO');
  });
});

describe('options and shapes beyond the common ones', () => {
  it.each([
    [
      '--warn with an improper line',
      'printf "junk\\n" > warn-sums; sha256sum a >> warn-sums; $CHECK --warn warn-sums',
    ],
    [
      '-w with --strict',
      'printf "junk\\n" > warn-sums; sha256sum a >> warn-sums; $CHECK -w --strict warn-sums',
    ],
  ])('%s', (_shape, script) => {
    expectSame(script);
  });

  // Each name goes to the file system as written: "lk/.." is the parent of where the link points.
  it.each([
    ['"lk/../a" through a link to a folder elsewhere', 'lk/../a'],
    ['"a/" when a is a file', 'a/'],
    ['"a/." when a is a file', 'a/.'],
    ['"nodir/../a" when nodir does not exist', 'nodir/../a'],
    ['"dangling/../a" through a dangling link', 'dangling/../a'],
  ])('a listed name %s: the file the system finds, or none', (_shape, name) => {
    const script = `mkdir -p elsewhere/sub; printf evil > elsewhere/a; ln -sfn elsewhere/sub lk; ln -sfn nowhere dangling; sha256sum a | sed 's#  a$#  ${name}#' > dots-sums; $CHECK dots-sums`;
    expect(sh(script, 'reference').code).toBe(1);
    expectSame(script);
  });

  it('--ignore-missing skips only what does not exist: a path through a file still fails', () => {
    expectSame(
      `sha256sum a | sed 's#  a$#  a/x#' > notdir-sums; sha256sum b >> notdir-sums; $CHECK --ignore-missing notdir-sums`,
    );
  });

  it.each(['/proc/version', '/proc/sys/kernel/ostype'])(
    '%s, which says 0 bytes and holds more, is hashed and verified as sha256sum does',
    (path) => {
      expectSame(`$HASH ${path}`);
      expectSame(`sha256sum ${path} > proc-sums; $CHECK proc-sums`);
    },
  );

  // coreutils: each of --status, --warn and --quiet turns the other two off; the last one given counts.
  it.each([
    ['--status', '--warn'],
    ['--quiet', '--warn'],
    ['--warn', '--quiet'],
    ['--status', '--quiet'],
    ['--warn', '--status'],
    ['-w', '--quiet', '--status', '--warn'],
  ])('%s %s … : the last of --status, --warn and --quiet counts', (...options) => {
    const script = `printf "junk\\n" > mode-sums; sha256sum a >> mode-sums; echo 0 > b2; sha256sum b2 >> mode-sums; echo 1 > b2; $CHECK ${options.join(' ')} mode-sums`;
    const suite = expectSame(script);
    // The same warnings on stderr, line for line (each tool names itself first).
    const words = (stderr: string) => stderr.split('\n').map((line) => line.replace(/^[^:]*?: /, ''));
    expect(words(suite.stderr).length).toBe(words(sh(script, 'reference').stderr).length);
  });

  it('a line longer than 64 KiB naming a file fails as sha256sum -c fails to open it', () => {
    const script = `{ printf "%s  %070000d\\n" "$(sha256sum < a | cut -c1-64)" 0; sha256sum a; } > long-sums; $CHECK long-sums`;
    const verdicts = (run: Run) =>
      run.stdout
        .toString()
        .split('\n')
        .map((line) => line.replace(/^0+:/, 'N:'));
    const reference = sh(script, 'reference');
    const suite = sh(script, 'suite');
    expect(suite.code).toBe(reference.code);
    expect(suite.code).toBe(1);
    expect(verdicts(suite)).toEqual(verdicts(reference));
  });
});

describe('suite hash --algo blake3 writes what b3sum writes and b3sum -c reads', () => {
  it('names with a carriage return, a newline and a backslash', async () => {
    await mkdir(join(dir, 'b3tree'));
    for (const name of ['cr\rname', 'nl\nname', 'back\\slash', 'plain'])
      await writeFile(join(dir, 'b3tree', name), `content of ${JSON.stringify(name)}`);
    const reference = sh('find b3tree -type f -print0 | LC_ALL=C sort -z | xargs -0 b3sum', 'reference');
    const suite = sh('$HASH -r b3tree --algo blake3 | tee b3-sums', 'suite');
    expect(suite.stdout.toString('latin1')).toBe(reference.stdout.toString('latin1'));
    expect(sh('b3sum -c b3-sums', 'reference').code).toBe(0);
  });
});

describe('suite compare FILE FILE against cmp', () => {
  it.each([
    [
      'one pipe given twice, byte for byte',
      '--exact',
      'exec 3< <(head -c 200000 /dev/zero | tr "\\0" x); $CMP /dev/fd/3 /dev/fd/3',
    ],
    ['one pipe given twice, by digest', '', 'exec 3< <(printf abc); $CMP /dev/fd/3 /dev/fd/3'],
    [
      'two pipes, a difference past a 64 KiB chunk',
      '--exact',
      '$CMP <(head -c 70000 /dev/zero) <({ head -c 69999 /dev/zero; printf x; })',
    ],
  ])('%s: the same exit code', (_shape, option, script) => {
    const reference = sh(`CMP=cmp; ${script}`, 'reference');
    const suite = sh(`CMP="${SUITE} compare ${option}"; ${script}`, 'suite');
    expect(reference.code).not.toBeNull();
    expect(suite.code).toBe(reference.code);
  });
});

describe('"-" is standard input, as for sha256sum and cmp', () => {
  it.each([
    ['suite hash - FILE', 'printf "from stdin" | $HASH - a'],
    ['suite compare - FILE (byte for byte)', 'printf "alpha\\n" | $CMP - a'],
    ['suite compare - FILE (a difference)', 'printf "alphA\\n" | $CMP - a'],
  ])('%s', (_shape, script) => {
    const reference = sh(`CMP=cmp; ${script}`, 'reference');
    const suite = sh(`CMP="${SUITE} compare --exact"; ${script}`, 'suite');
    expect(suite.code).toBe(reference.code);
    if (script.includes('$HASH')) expect(suite.stdout.toString()).toBe(reference.stdout.toString());
  });
});
