import type { ChannelName, Input, Progress, Result } from '../contract/channels.ts';
import { dispatch } from '../core/dispatch.ts';
import type { Handlers } from '../core/handlers.ts';
import { SuiteError } from '../core/suite-error.ts';

/**
 * Runs one channel for the CLI through the same dispatcher and schemas as IPC and browser mode, so
 * the CLI accepts exactly what they accept. `handlers` is the tool's own map (only its code loads).
 */
export async function callChannel<K extends ChannelName>(
  handlers: Partial<Handlers>,
  channel: K,
  input: Input<K>,
  signal: AbortSignal,
  onProgress: (progress: Progress<K>) => void = () => {},
): Promise<Result<K>> {
  const outcome = await dispatch(handlers, channel, input, {
    signal,
    progress: onProgress as (progress: unknown) => void,
  });
  if (!outcome.ok) throw new SuiteError(outcome.error.code, outcome.error.message);
  return outcome.value as Result<K>;
}
