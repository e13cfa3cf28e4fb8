import type { ChannelName, Channels, ParsedInput, Progress, Result } from '../contract/channels.ts';

export interface HandlerContext<P> {
  /** Fires when the caller cancels; long work checks it and stops promptly. */
  signal: AbortSignal;
  progress: (event: P) => void;
}

export type Handler<K extends ChannelName> = (
  input: ParsedInput<K>,
  context: HandlerContext<Progress<K>>,
) => Promise<Result<K>>;

export type Handlers = { [K in ChannelName]: Handler<K> };

/** The handlers of one tool's channels, e.g. `HandlersOf<typeof compareChannels>`: one file per tool. */
export type HandlersOf<C> = { [K in keyof C & ChannelName]: Handler<K> };

/** One tool's channels and their handlers: all a CLI command needs, and all that it loads. */
export interface ToolApi {
  channels: Partial<Channels>;
  handlers: Partial<Handlers>;
}
