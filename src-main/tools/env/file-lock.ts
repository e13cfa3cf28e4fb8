import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { SuiteError } from '../../core/suite-error.ts';

export const LOCK_TIMEOUT_MS = 10_000;

interface Holder {
  pid: number;
  host: string;
}

/** A lock file with no holder in it this long after it was made is garbage: its writer died between creating and filling it. */
const GARBLED_STALE_MS = 3_000;

async function readHolder(
  path: string,
): Promise<{ holder: Holder | null; ino: number; ageMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    let parsed: Partial<Holder> = {};
    try {
      parsed = JSON.parse(text) as Partial<Holder>;
    } catch {
      // Empty or garbled: judged by its age below.
    }
    const holder =
      typeof parsed?.pid === 'number' && typeof parsed.host === 'string'
        ? { pid: parsed.pid, host: parsed.host }
        : null;
    return { holder, ino: info.ino, ageMs: Date.now() - info.mtimeMs };
  } catch {
    return null;
  }
}

/**
 * A lock left by a process of this machine that no longer runs (it crashed or was killed), or an
 * empty or garbled one older than a few seconds (a holder writes its id right after creating it).
 */
function isStale(holder: Holder | null, ageMs: number): boolean {
  if (!holder) return ageMs > GARBLED_STALE_MS;
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Creates the lock file, or breaks a stale one; false when a live process holds it. */
async function tryAcquire(path: string, mine: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    await handle.writeFile(mine);
    await handle.close();
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      throw new SuiteError(
        code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'PERMISSION' : 'FAILED',
        `${dirname(path)} cannot be written (${code ?? 'error'}), so its lock file could not be made. Nothing was changed.`,
      );
    }
  }
  const current = await readHolder(path);
  if (!current || !isStale(current.holder, current.ageMs)) return false;
  // Moved aside, not deleted: only the stale file we looked at goes, never a lock taken meanwhile.
  const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return false;
  }
  const moved = await stat(aside).catch(() => null);
  if (moved && moved.ino !== current.ino) await rename(aside, path).catch(() => undefined);
  else await unlink(aside).catch(() => undefined);
  return false;
}

/**
 * Runs `work` while holding `<file>.devutil-lock`, a lock file beside the file it protects, shared by
 * every DevUtil Suite process (the app, browser mode, the CLI). Waits up to `timeoutMs` for another
 * writer, then gives up with a clear message and writes nothing.
 */
export async function withFileLock<T>(
  file: string,
  work: () => Promise<T>,
  timeoutMs = LOCK_TIMEOUT_MS,
): Promise<T> {
  const path = `${file}.devutil-lock`;
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() });
  const deadline = Date.now() + timeoutMs;
  let wait = 5;
  while (!(await tryAcquire(path, mine))) {
    if (Date.now() >= deadline) {
      const holder = (await readHolder(path))?.holder;
      throw new SuiteError(
        'CONFLICT',
        `Another DevUtil Suite write to ${file} is still running${holder ? ` (process ${holder.pid})` : ''} after ${timeoutMs / 1000} s, so nothing was written. Try again in a moment; if no other copy of the app runs, delete ${path}.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
    wait = Math.min(wait * 2, 100);
  }
  try {
    return await work();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
