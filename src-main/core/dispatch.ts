import { channels, isChannelName } from '../contract/channels.ts';
import type { Outcome } from '../contract/errors.ts';
import type { HandlerContext, Handlers } from './handlers.ts';
import { toErrorInfo } from './suite-error.ts';
import { describeIssues } from './validation.ts';

/**
 * The one entry point of every face (Electron IPC, browser mode, the CLI): validates the channel name and the
 * input against the contract, runs the handler, and turns every failure into an error object.
 */
export async function dispatch(
  handlers: Partial<Handlers>,
  channel: string,
  rawInput: unknown,
  context: HandlerContext<unknown>,
): Promise<Outcome<unknown>> {
  if (!isChannelName(channel)) {
    return { ok: false, error: { code: 'BAD_INPUT', message: `Unknown channel "${channel.slice(0, 80)}".` } };
  }
  const parsed = channels[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'BAD_INPUT', message: describeIssues(parsed.error.issues) } };
  }
  if (!handlers[channel]) {
    return { ok: false, error: { code: 'UNSUPPORTED', message: `"${channel}" is not answered here.` } };
  }
  try {
    const handler = handlers[channel] as (
      input: unknown,
      context: HandlerContext<unknown>,
    ) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, context) };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error, context.signal) };
  }
}
