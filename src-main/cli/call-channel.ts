import type { ChannelName, Input, Progress, Result } from '../contract/channels.ts';
import { dispatch } from '../core/dispatch.ts';
import type { ToolApi } from '../core/handlers.ts';
import { SuiteError } from '../core/suite-error.ts';

/**
 * Runs one channel for the CLI through the same dispatcher and schemas as IPC and browser mode, so
 * the CLI accepts exactly what they accept. `tool` is the tool's own part of the contract and its
 * handlers: no other tool's code or schemas load.
 */
export async function callChannel<K extends ChannelName>(
  tool: ToolApi,
  channel: K,
  input: Input<K>,
  signal: AbortSignal,
  onProgress: (progress: Progress<K>) => void = () => {},
): Promise<Result<K>> {
  const outcome = await dispatch(
    tool.handlers,
    channel,
    input,
    { signal, progress: onProgress as (progress: unknown) => void },
    tool.channels,
  );
  if (!outcome.ok) throw new SuiteError(outcome.error.code, outcome.error.message);
  return outcome.value as Result<K>;
}
