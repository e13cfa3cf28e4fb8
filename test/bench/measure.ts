import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';

/** Wall-clock seconds of one run of a command; throws if it fails (a benchmark of a failure is no benchmark). */
export function timeCommand(command: string, args: string[], okCodes: number[] = [0]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!okCodes.includes(result.status ?? -1)) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr?.toString() ?? result.error}`);
  }
  return seconds;
}

/** Median of `runs` timings of the same work. */
export function median(runs: number, measure: () => number): number {
  const times = Array.from({ length: runs }, measure).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function machine(): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.versions.node}`;
}

export interface Row {
  name: string;
  value: string;
  target?: string;
  met?: boolean;
}

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) {
    const target = row.target ? `  (target ${row.target}: ${row.met ? 'met' : 'NOT met'})` : '';
    console.log(`  ${row.name.padEnd(width)}  ${row.value}${target}`);
  }
}
