import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { SuiteError, fileError } from '../../core/suite-error.ts';
import { displayName, fsPath } from './name-bytes.ts';

export interface OpenedInput {
  fd: number;
  /** Size of a regular file; null for a pipe or device, which has none in advance. */
  size: number | null;
  /** What fstat said at opening, to notice a file that changes while it is read. */
  stats: Stats;
}

/**
 * Opens a file for reading by its bytes (a name need not be UTF-8), after checking what it is: a
 * folder is refused with a clear message, a pipe or device is read as a stream of unknown length.
 * With `regularOnly`, it is opened without blocking and anything but a regular file is refused.
 */
export function openInput(path: string, regularOnly = false): OpenedInput {
  let fd: number | undefined;
  try {
    fd = openSync(fsPath(path), regularOnly ? constants.O_RDONLY | constants.O_NONBLOCK : 'r');
    const stats = fstatSync(fd);
    if (stats.isDirectory())
      throw new SuiteError('IS_DIRECTORY', `${displayName(path)} is a folder, not a file.`);
    if (regularOnly && !stats.isFile()) {
      const message = `${displayName(path)} is no longer a regular file: it was replaced during the compare.`;
      throw new SuiteError('CONFLICT', message);
    }
    return { fd, size: stats.isFile() ? stats.size : null, stats };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    throw fileError(error, displayName(path));
  }
}

/**
 * Throws when a regular file's size or modification time moved while it was read: no digest then.
 * The bytes read may differ from the size without that: a file in /proc or /sys says 0 or 4096 and
 * holds some other count, and is read to its end as sha256sum reads it.
 */
export function checkUnchanged(input: OpenedInput, path: string): void {
  if (input.size === null) return;
  const after = fstatSync(input.fd);
  if (after.size !== input.stats.size || after.mtimeMs !== input.stats.mtimeMs) {
    throw new SuiteError(
      'CONFLICT',
      `${displayName(path)} changed while it was read (size or modification time); no digest was taken.`,
    );
  }
}
