import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEntry } from '../support/paths.ts';
import { machine, printTable } from './measure.ts';
import { middle } from './middle.ts';

const RUNS = 3;

/** Seconds and stdout of one run, with the exit code it must give. */
function timed(command: string, args: string[], code = 0): { seconds: number; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== code)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

const sortedLines = (text: string): string => text.split('\n').sort().join('\n');

/** 10,000 files of 1 to 64 KiB in 100 folders, fresh random content. */
function smallTree(root: string): void {
  for (let folder = 0; folder < 100; folder++) {
    mkdirSync(join(root, `d${folder}`), { recursive: true });
    const block = randomBytes(64 * 1024);
    for (let file = 0; file < 100; file++) {
      const size = 1024 + (((folder * 100 + file) * 7919) % (63 * 1024));
      writeFileSync(join(root, `d${folder}`, `f${file}`), block.subarray(0, size));
      block[0] = (block[0]! + 1) & 0xff;
    }
  }
}

function bigFiles(root: string): void {
  mkdirSync(root);
  for (let file = 0; file < 8; file++) {
    const fd = openSync(join(root, `big${file}.bin`), 'w');
    const block = randomBytes(16 * 1024 * 1024);
    for (let written = 0; written < 256 * 1024 * 1024; written += block.length) writeSync(fd, block);
    closeSync(fd);
  }
}

/**
 * Reads every file once (a warm page cache) and waits for the kernel to write the new trees out, so
 * that no round measures the write-back of its own inputs.
 */
function warm(root: string): void {
  spawnSync('sh', ['-c', `find "${root}" -type f -print0 | xargs -0 cat > /dev/null`]);
  spawnSync('sync');
}

interface Pair {
  suite: number;
  reference: number;
}

/**
 * Runs one comparison on fresh inputs each round, checking both answers agree. The first program to
 * read freshly written files after the warming read runs slower than the next one does, whichever
 * program it is (20 to 60 ms here, on 10,000 files), so each round runs both once untimed first, as
 * hyperfine's --warmup does: otherwise the one timed first pays it alone.
 */
function rounds(make: (dir: string) => void, run: (dir: string) => Pair): Pair {
  const pairs: Pair[] = [];
  for (let round = 0; round < RUNS; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'suite-bench-folders-'));
    try {
      make(dir);
      warm(dir);
      run(dir);
      pairs.push(run(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    suite: middle(pairs.map((pair) => pair.suite)),
    reference: middle(pairs.map((pair) => pair.reference)),
  };
}

function hashRun(dir: string): Pair {
  const tree = join(dir, 'tree');
  const suite = timed(process.execPath, [cliEntry, 'hash', '-r', '--algo', 'sha256', tree]);
  const reference = timed('sh', ['-c', `find "${tree}" -type f -print0 | xargs -0 sha256sum`]);
  if (sortedLines(suite.stdout) !== sortedLines(reference.stdout))
    throw new Error('suite hash -r and sha256sum disagree');
  return { suite: suite.seconds, reference: reference.seconds };
}

/**
 * Many files and whole folders, as ratios in one run on a warm page cache: `suite hash -r` against
 * `find | xargs sha256sum` (10,000 small files; 8 files of 256 MiB, two hashed at once by the
 * pool), and `suite compare` of two identical trees against `diff -rq`.
 */
export function benchFolders(): void {
  const small = rounds((dir) => smallTree(join(dir, 'tree')), hashRun);
  const big = rounds((dir) => bigFiles(join(dir, 'tree')), hashRun);
  const compare = rounds(
    (dir) => {
      smallTree(join(dir, 'a'));
      cpSync(join(dir, 'a'), join(dir, 'b'), { recursive: true });
    },
    (dir) => {
      const suite = timed(process.execPath, [cliEntry, 'compare', join(dir, 'a'), join(dir, 'b')]);
      const reference = timed('diff', ['-rq', join(dir, 'a'), join(dir, 'b')]);
      if (suite.stdout !== reference.stdout) throw new Error('suite compare and diff -rq disagree');
      return { suite: suite.seconds, reference: reference.seconds };
    },
  );
  const ms = (seconds: number): string => `${(seconds * 1000).toFixed(0)} ms`;
  printTable(`Folders: median of ${RUNS} rounds, fresh trees each round, page cache warm (${machine()})`, [
    { name: '10,000 files of 1-64 KiB: find | xargs sha256sum', value: ms(small.reference) },
    { name: '10,000 files: suite hash -r --algo sha256', value: ms(small.suite) },
    {
      name: '  suite / sha256sum',
      value: `${(small.suite / small.reference).toFixed(2)}x`,
      target: '<= 1.5x',
      met: small.suite <= 1.5 * small.reference,
    },
    { name: '8 files of 256 MiB: sha256sum', value: ms(big.reference) },
    { name: '8 files of 256 MiB: suite hash -r --algo sha256', value: ms(big.suite) },
    {
      name: '  sha256sum / suite (speed-up)',
      value: `${(big.reference / big.suite).toFixed(2)}x`,
      target: '>= 1.7x',
      met: big.reference >= 1.7 * big.suite,
    },
    { name: 'two identical trees of 10,000 files: diff -rq', value: ms(compare.reference) },
    { name: 'two identical trees: suite compare', value: ms(compare.suite) },
    {
      name: '  suite / diff -rq',
      value: `${(compare.suite / compare.reference).toFixed(2)}x`,
      target: '<= 1.5x',
      met: compare.suite <= 1.5 * compare.reference,
    },
  ]);
}
