/** Node's "ENOSPC: no space left on device, write" as "no space left on device". */
function reason(error: NodeJS.ErrnoException): string {
  return error.message.replace(/^[A-Z_]+: /, '').replace(/, \w+$/, '');
}

/**
 * The CLI's output could not be written. A reader that went away (`… | head -1`) ends the command
 * quietly with 141, as SIGPIPE ends coreutils (Node ignores SIGPIPE, so the write fails instead).
 * Anything else (a full disk, `> /dev/full`) is one line on stderr and exit 2: never a success
 * whose output was lost.
 */
export function outputFailed(error: NodeJS.ErrnoException): never {
  if (error.code === 'EPIPE') process.exit(141);
  process.stderr.write(`suite: the output could not be written: ${reason(error)}.\n`);
  process.exit(2);
}

/**
 * Exits with `code` once everything written is flushed (a write's callback runs then, on every
 * platform): a natural exit would first take down the pool's idle workers and free the heap, about
 * 10 ms more.
 */
export function exitWhenFlushed(code: number): void {
  process.stdout.write('', (error) => {
    if (error) outputFailed(error);
    process.stderr.write('', () => process.exit(code));
  });
}
