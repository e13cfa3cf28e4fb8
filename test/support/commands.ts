import { execFileSync } from 'node:child_process';

/** Runs a reference tool (coreutils, openssl, b3sum, xxhsum) and returns its stdout. */
export function run(command: string, args: string[], options: { cwd?: string } = {}): string {
  return execFileSync(command, args, { encoding: 'utf8', cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 });
}

/** The first whitespace-separated word of a reference tool's output: the hex digest. */
export function firstWord(output: string): string {
  return output.trim().split(/\s+/)[0]!.replace(/^\\/, '');
}
