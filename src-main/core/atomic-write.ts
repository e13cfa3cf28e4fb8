import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /**
   * A file with other hard links (nlink > 1) is overwritten in place, so every name keeps seeing it;
   * a rename would split it from them. Only for callers that keep a backup: a crash midway could leave
   * it half-written.
   */
  keepHardLinks?: boolean;
}

/** The real file behind a symbolic link (so that the link stays a link), or the path when there is none yet. */
async function throughLinks(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

/**
 * Writes a file so that a reader sees either the old or the new content, never half of it: a temporary
 * file beside the target, flushed, given the target's mode, then renamed over it. A symbolic link is
 * written through to its target.
 */
export async function writeFileAtomic(
  linkOrPath: string,
  data: string | Uint8Array,
  fallbackMode = 0o644,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const path = await throughLinks(linkOrPath);
  const info = await stat(path).catch(() => null);
  if (info && info.nlink > 1 && options.keepHardLinks) return overwriteInPlace(path, data);
  const mode = info?.mode ?? fallbackMode;
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', mode & 0o7777);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode & 0o7777);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** New content written over the old from the start, then the rest cut off: the file keeps its inode. */
async function overwriteInPlace(path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const handle = await open(path, 'r+');
  try {
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.truncate(bytes.length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
