/** Every failure that crosses the boundary has one of these codes and a sentence for the user. */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'IS_DIRECTORY'
  | 'PERMISSION'
  | 'CANCELLED'
  | 'UNSUPPORTED'
  | 'CONFLICT'
  | 'TIMEOUT'
  | 'FORBIDDEN'
  | 'FAILED'
  | 'INTERNAL';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: ErrorInfo };
