import type { ErrorCode, ErrorInfo } from '../contract/errors.ts';

/** An error meant for the user: a code and a plain sentence, never a stack trace. */
export class SuiteError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'SuiteError';
  }
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

const nodeCodes: Record<string, [ErrorCode, string]> = {
  ENOENT: ['NOT_FOUND', 'does not exist'],
  ENOTDIR: ['NOT_FOUND', 'does not exist (a part of the path is not a folder)'],
  EISDIR: ['IS_DIRECTORY', 'is a folder, not a file'],
  EACCES: ['PERMISSION', 'cannot be read: permission denied'],
  EPERM: ['PERMISSION', 'cannot be accessed: operation not permitted'],
  ELOOP: ['FAILED', 'is a symbolic link that loops'],
  ENAMETOOLONG: ['BAD_INPUT', 'has a name that is too long'],
  EROFS: ['PERMISSION', 'is on a read-only file system'],
};

/** Turns a Node fs error about `path` into a SuiteError that names the path. */
export function fileError(error: unknown, path: string): SuiteError {
  if (error instanceof SuiteError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const known = nodeCodes[code];
  if (known) return new SuiteError(known[0], `${path} ${known[1]}.`);
  const detail = error instanceof Error ? error.message : String(error);
  return new SuiteError('FAILED', `${path}: ${detail}`);
}

export function cancelled(): SuiteError {
  return new SuiteError('CANCELLED', 'Cancelled.');
}

/** Throws the user-facing cancellation error when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}

/** Any thrown value as an error object for the user: a SuiteError as is, anything else without its stack. */
export function toErrorInfo(error: unknown, signal?: AbortSignal): ErrorInfo {
  if (error instanceof SuiteError) return error.toInfo();
  if (signal?.aborted) return { code: 'CANCELLED', message: 'Cancelled.' };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Something went wrong: ${message}` };
}
