import { closeSync, constants, fstatSync, openSync, statSync } from 'node:fs';
import { takeTurns } from './event-loop-turn.ts';
import { runJob } from './job-runner.ts';
import { fsPath } from './name-bytes.ts';
import type { OpenedInput } from './open-input.ts';
import type { FinalMessage, Job } from './worker-protocol.ts';

/**
 * Regular files up to this size are hashed or compared in the calling thread: a few milliseconds of
 * work each, less than a message to a worker and back (and no worker to start for a folder of
 * small files, where `diff -rq` and `sha256sum -c` make a handful of system calls per file).
 */
export const INLINE_LIMIT = 1024 * 1024;

/**
 * Opens a small regular file, or leaves it (and anything else, errors included) to a worker, which
 * reports it. Only a path stat calls a regular file is opened: opening a FIFO, even for a moment,
 * would release its writer into a closed pipe. The open does not block, so a FIFO put in the
 * file's place in between cannot hang the thread; fstat then refuses it.
 */
function openSmall(path: string, limit: number): OpenedInput | null {
  let fd: number | undefined;
  try {
    const before = statSync(fsPath(path), { throwIfNoEntry: false });
    if (!before?.isFile() || before.size > limit) return null;
    fd = openSync(fsPath(path), constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (stats.isFile() && stats.size <= limit) return { fd, size: stats.size, stats };
  } catch {
    // Missing, unreadable…: the worker's attempt gives the error in the same words as ever.
  }
  if (fd !== undefined) closeSync(fd);
  return null;
}

/**
 * Runs a hash or compare job here when every file in it is a small regular file; null when a worker
 * must. A batch of pairs (QuickCompareJob) is sent to a worker on purpose: its caller works on other
 * batches in this thread meanwhile.
 */
export async function runInline(
  job: Job,
  limit: number,
  listener: { progress(bytesDone: number): void },
  signal: AbortSignal,
): Promise<FinalMessage | null> {
  if (job.kind === 'quick-compare') return null;
  await takeTurns();
  if (signal.aborted) return { type: 'cancelled' };
  const opened: OpenedInput[] = [];
  for (const path of job.kind === 'hash' ? [job.path] : [job.pathA, job.pathB]) {
    const input = openSmall(path, limit);
    if (!input) {
      for (const other of opened) closeSync(other.fd);
      return null;
    }
    opened.push(input);
  }
  // No start event: the job ends within milliseconds, and a forced progress event per small file
  // would cost more than reading it. Progress still flows, throttled.
  const control = {
    cancelled: () => signal.aborted,
    start: () => {},
    progress: (bytesDone: number) => listener.progress(bytesDone),
  };
  return runJob(job, control, opened);
}
