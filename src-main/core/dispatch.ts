import type { z } from 'zod';
import type { ChannelName, Channels } from '../contract/channels.ts';
import type { Outcome } from '../contract/errors.ts';
import type { HandlerContext, Handlers } from './handlers.ts';
import { toErrorInfo } from './suite-error.ts';
import { describeIssues } from './validation.ts';

/**
 * The one entry point of every face (Electron IPC, browser mode, the CLI): validates the channel name and the
 * input against the contract, runs the handler, and turns every failure into an error object. The CLI
 * passes its tool's part of the contract (`contract`), so that a command builds no other tool's schemas;
 * the other faces answer every channel.
 */
export async function dispatch(
  handlers: Partial<Handlers>,
  channel: string,
  rawInput: unknown,
  context: HandlerContext<unknown>,
  contract?: Partial<Channels>,
): Promise<Outcome<unknown>> {
  const specs: Partial<Channels> = contract ?? (await import('../contract/channels.ts')).channels;
  if (!Object.hasOwn(specs, channel)) {
    return { ok: false, error: { code: 'BAD_INPUT', message: `Unknown channel "${channel.slice(0, 80)}".` } };
  }
  const schema: z.ZodType = specs[channel as ChannelName]!.input;
  const parsed = schema.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'BAD_INPUT', message: describeIssues(parsed.error.issues) } };
  }
  if (!handlers[channel as ChannelName]) {
    return { ok: false, error: { code: 'UNSUPPORTED', message: `"${channel}" is not answered here.` } };
  }
  try {
    const handler = handlers[channel as ChannelName] as (
      input: unknown,
      context: HandlerContext<unknown>,
    ) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, context) };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error, context.signal) };
  }
}
