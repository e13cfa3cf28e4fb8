import { readFileSync } from 'node:fs';
import { decodeName } from '../tools/compare/name-bytes.ts';

/**
 * The command-line arguments with bytes that are not UTF-8 kept (as name-bytes.ts keeps them).
 * Node decodes argv lossily (each bad byte becomes U+FFFD), so `suite hash *` on a file named
 * `caf\xe9` would ask for a file that does not exist; on Linux the kernel still has the bytes.
 */
export function rawArgv(argv: string[]): string[] {
  if (process.platform !== 'linux' || !argv.some((arg) => arg.includes('\uFFFD'))) return argv;
  let raw: Buffer[];
  try {
    const cmdline = readFileSync('/proc/self/cmdline');
    raw = [];
    let start = 0;
    for (let end = cmdline.indexOf(0); end !== -1; end = cmdline.indexOf(0, start)) {
      raw.push(cmdline.subarray(start, end));
      start = end + 1;
    }
  } catch {
    return argv;
  }
  // The user's arguments are the last ones; each must decode (lossily) to what Node gave us.
  const tail = raw.slice(raw.length - argv.length);
  if (tail.length !== argv.length || tail.some((bytes, index) => bytes.toString('utf8') !== argv[index]))
    return argv;
  return tail.map((bytes) => decodeName(bytes));
}
