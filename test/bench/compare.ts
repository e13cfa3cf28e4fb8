import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEntry } from '../support/paths.ts';
import { machine, median, printTable, timeCommand } from './measure.ts';

const GiB = 1024 ** 3;
const RUNS = 3;

function makeFile(path: string, size: number): void {
  const fd = openSync(path, 'w');
  const block = randomBytes(16 * 1024 * 1024);
  for (let written = 0; written < size; written += block.length)
    writeSync(fd, block, 0, Math.min(block.length, size - written));
  closeSync(fd);
}

/**
 * Two 1 GiB files, MD5 + SHA-1 + SHA-256: the suite against (a) the seed's way with coreutils, one
 * tool after another, and (b) the CPU limit from openssl dgst; exact compare against cmp.
 */
export function benchCompare(): void {
  const dir = mkdtempSync(join(tmpdir(), 'suite-bench-'));
  try {
    const a = join(dir, 'a.bin');
    const b = join(dir, 'b.bin');
    makeFile(a, GiB);
    execFileSync('cp', [a, b]);
    // Warm the page cache so every contender reads from memory, not disk.
    for (const path of [a, b]) execFileSync('cat', [path], { stdio: ['ignore', 'ignore', 'inherit'] });

    const ours = median(RUNS, () =>
      timeCommand(process.execPath, [cliEntry, 'compare', a, b, '--algo', 'md5,sha1,sha256']),
    );
    const seed = median(RUNS, () =>
      ['md5sum', 'sha1sum', 'sha256sum'].reduce(
        (sum, tool) => sum + timeCommand(tool, [a]) + timeCommand(tool, [b]),
        0,
      ),
    );
    const openssl = (['-md5', '-sha1', '-sha256'] as const).map((flag) => ({
      flag,
      seconds: median(
        RUNS,
        () => timeCommand('openssl', ['dgst', flag, a]) + timeCommand('openssl', ['dgst', flag, b]),
      ),
    }));
    const cores = availableParallelism();
    const cpuLimit = openssl.reduce((sum, entry) => sum + entry.seconds, 0) / cores;
    const exact = median(RUNS, () => timeCommand(process.execPath, [cliEntry, 'compare', a, b, '--exact']));
    const cmp = median(RUNS, () => timeCommand('cmp', [a, b]));

    printTable(`File Compare: two 1 GiB files, page cache warm, median of ${RUNS} (${machine()})`, [
      { name: 'suite compare --algo md5,sha1,sha256', value: `${ours.toFixed(2)} s` },
      { name: '(a) md5sum, sha1sum, sha256sum in turn', value: `${seed.toFixed(2)} s` },
      ...openssl.map((entry) => ({
        name: `openssl dgst ${entry.flag} (both files)`,
        value: `${entry.seconds.toFixed(2)} s`,
      })),
      { name: `(b) CPU limit: openssl sum / ${cores} cores`, value: `${cpuLimit.toFixed(2)} s` },
      {
        name: 'speed-up over (a)',
        value: `${(seed / ours).toFixed(2)}x`,
        target: '>= 3x',
        met: seed / ours >= 3,
      },
      {
        name: 'time / CPU limit (b)',
        value: `${(ours / cpuLimit).toFixed(2)}x`,
        target: '<= 1.15x',
        met: ours / cpuLimit <= 1.15,
      },
      { name: 'suite compare --exact (identical)', value: `${exact.toFixed(2)} s` },
      { name: 'cmp', value: `${cmp.toFixed(2)} s` },
      {
        name: 'exact / cmp',
        value: `${(exact / cmp).toFixed(2)}x`,
        target: '<= 1.3x',
        met: exact / cmp <= 1.3,
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
