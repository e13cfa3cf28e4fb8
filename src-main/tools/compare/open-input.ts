import { closeSync, fstatSync, openSync, statSync } from 'node:fs';
import { SuiteError, fileError } from '../../core/suite-error.ts';

export interface OpenedInput {
  fd: number;
  /** Size of a regular file; null for a pipe or device, which has none in advance. */
  size: number | null;
}

/**
 * Opens a file for reading after checking what it is: a folder is refused with a clear message, a pipe
 * or device is read as a stream of unknown length.
 */
export function openInput(path: string): OpenedInput {
  try {
    if (statSync(path).isDirectory())
      throw new SuiteError('IS_DIRECTORY', `${path} is a folder, not a file.`);
    const fd = openSync(path, 'r');
    const info = fstatSync(fd);
    if (info.isDirectory()) {
      closeSync(fd);
      throw new SuiteError('IS_DIRECTORY', `${path} is a folder, not a file.`);
    }
    return { fd, size: info.isFile() ? info.size : null };
  } catch (error) {
    throw fileError(error, path);
  }
}
