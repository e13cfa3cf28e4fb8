import type { z } from 'zod';

/** A channel: its validated input, and (as phantom types) its result and progress events. */
export interface ChannelSpec<I extends z.ZodType, R, P> {
  input: I;
  summary: string;
  /** Phantom fields: never set, they carry the types. */
  readonly __result?: R;
  readonly __progress?: P;
}

/** `channel<Result, Progress>()(schema, summary)`: curried so the schema type is inferred. */
export function channel<R, P = never>() {
  return <I extends z.ZodType>(input: I, summary: string): ChannelSpec<I, R, P> => ({ input, summary });
}
