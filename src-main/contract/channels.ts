import type { z } from 'zod';
import { appChannels } from './app.ts';
import { compareChannels } from './compare.ts';
import { envChannels } from './env.ts';
import { inspectChannels } from './inspect.ts';
import { settingsChannels } from './settings.ts';
import { zoneChannels } from './zone.ts';

/** Every channel of the suite, by name. Main, preload and renderer all compile against this map. */
export const channels = {
  ...appChannels,
  ...compareChannels,
  ...zoneChannels,
  ...envChannels,
  ...inspectChannels,
  ...settingsChannels,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What a caller sends (before defaults are applied). */
export type Input<K extends ChannelName> = z.input<Channels[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
// Exclude, not NonNullable: a result may be null on purpose (nothing opened); only the phantom's undefined goes.
export type Result<K extends ChannelName> = Exclude<Channels[K]['__result'], undefined>;
export type Progress<K extends ChannelName> = NonNullable<Channels[K]['__progress']>;

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}
