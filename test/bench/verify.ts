import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliEntry } from '../support/paths.ts';
import { machine, printTable } from './measure.ts';
import { middle } from './middle.ts';

const FILES = 1000;
const RUNS = 5;

/** Seconds and stdout of one run; the exit code must be the expected one. */
function timed(command: string, args: string[], cwd: string): { seconds: number; stdout: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

/** A fresh folder of 1,000 small files (1 to 64 KiB) and their SHA256SUMS, written by sha256sum. */
function freshCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'suite-bench-verify-'));
  const names: string[] = [];
  for (let index = 0; index < FILES; index++) {
    const name = `file ${index}.bin`;
    writeFileSync(join(dir, name), randomBytes(1024 + ((index * 7919) % (63 * 1024))));
    names.push(name);
  }
  writeFileSync(
    join(dir, 'SHA256SUMS'),
    spawnSync('sha256sum', names, { cwd: dir, encoding: 'utf8' }).stdout,
  );
  return dir;
}

/**
 * Verifying a SHA256SUMS of 1,000 small files: `suite verify` against `sha256sum -c`, each answer
 * checked (the same 1,000 "OK" lines), a fresh corpus each round; the suite's start-up measured apart.
 */
export function benchVerify(): void {
  const rounds: { suite: number; reference: number; startup: number }[] = [];
  for (let round = 0; round < RUNS; round++) {
    const dir = freshCorpus();
    try {
      const reference = timed('sha256sum', ['-c', 'SHA256SUMS'], dir);
      const suite = timed(process.execPath, [cliEntry, 'verify', join(dir, 'SHA256SUMS')], dir);
      if (suite.stdout !== reference.stdout) throw new Error('suite verify and sha256sum -c disagree');
      const startup = timed(process.execPath, [cliEntry, 'verify', '--help'], dir);
      rounds.push({ suite: suite.seconds, reference: reference.seconds, startup: startup.seconds });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const suite = middle(rounds.map((round) => round.suite));
  const reference = middle(rounds.map((round) => round.reference));
  const startup = middle(rounds.map((round) => round.startup));
  const limit = 2 * reference + startup;
  printTable(
    `Verify: SHA256SUMS of ${FILES} files of 1-64 KiB, median of ${RUNS} fresh corpora (${machine()})`,
    [
      { name: 'sha256sum -c', value: `${(reference * 1000).toFixed(0)} ms` },
      { name: 'suite verify', value: `${(suite * 1000).toFixed(0)} ms` },
      { name: 'suite start-up (verify --help)', value: `${(startup * 1000).toFixed(0)} ms` },
      {
        name: 'suite / (2 x sha256sum -c + start-up)',
        value: `${(suite / limit).toFixed(2)}x`,
        target: '<= 1x',
        met: suite <= limit,
      },
    ],
  );
}
