import { readSync } from 'node:fs';
import { SuiteError, fileError } from '../../core/suite-error.ts';
import { displayName } from './name-bytes.ts';

export interface LoopControl {
  /** True once the caller has asked to stop. */
  cancelled(): boolean;
  /** Called after every chunk with the bytes read so far (the caller throttles). */
  progress(bytesDone: number): void;
}

/** Reads up to buffer.length bytes, retrying on EAGAIN (a non-blocking pipe) and EINTR. */
export function readChunk(fd: number, buffer: Buffer, path: string, control: LoopControl): number {
  for (;;) {
    if (control.cancelled()) throw new SuiteError('CANCELLED', 'Cancelled.');
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EINTR') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw fileError(error, displayName(path));
    }
  }
}
