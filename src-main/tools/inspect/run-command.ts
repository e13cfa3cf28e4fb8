import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** At most this much output is kept from one program: a chatty one cannot fill the memory. */
const MAX_OUTPUT = 4 * 1024 * 1024;

/**
 * Runs a program with a time limit and an abort signal. It starts in a process group of its own
 * (detached), and on timeout or abort the whole group is killed, so a wrapper script's children
 * die with it and nothing keeps the pipes open. Rejects with a sentence when it cannot start,
 * runs out of time or is cancelled.
 */
export function runCommand(
  file: string,
  args: string[],
  timeoutMs = 5000,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('Cancelled.'));
      return;
    }
    const windows = process.platform === 'win32';
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: !windows });
    let stdout = '';
    let stderr = '';
    let settled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    const stop = (message: string) => {
      if (settled) return;
      settled = true;
      finish();
      try {
        if (!windows && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
      // Grandchildren may hold the pipes; stop reading so nothing waits on them.
      child.stdout.destroy();
      child.stderr.destroy();
      reject(new Error(message));
    };
    const timer = setTimeout(
      () => stop(`${file} did not answer within ${timeoutMs / 1000} s and was stopped.`),
      timeoutMs,
    );
    const onAbort = () => stop('Cancelled.');
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      finish();
      reject(new Error(`${file} could not be run: ${error.message}`));
    });
    // A program that left children behind holding its output: end them, as a shell's job control would.
    child.on('exit', () => {
      if (!windows && child.pid !== undefined)
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is already empty.
        }
    });
    child.on('close', (code) => {
      if (settled) return;
      settled = true;
      finish();
      resolve({ code, stdout, stderr });
    });
  });
}
