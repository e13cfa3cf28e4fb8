import type { z } from 'zod';
import { appChannels } from './app.ts';
import { settingsChannels } from './settings.ts';
import { toolChannels } from './tools.ts';
import type { ToolId } from './tools.ts';

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (
  value: infer I,
) => void
  ? I
  : never;

/** Every tool's channels as one map (the registry's maps, merged). */
type ToolChannelMap = UnionToIntersection<(typeof toolChannels)[ToolId]>;

/**
 * Every channel of the suite, by name: the app's own and those of each tool in the registry
 * (contract/tools.ts). Main, preload and renderer all compile against this map.
 */
export const channels = Object.assign(
  {},
  appChannels,
  settingsChannels,
  ...Object.values(toolChannels),
) as typeof appChannels & typeof settingsChannels & ToolChannelMap;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What a caller sends (before defaults are applied). */
export type Input<K extends ChannelName> = z.input<Channels[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<K extends ChannelName> = z.output<Channels[K]['input']>;
// Exclude, not NonNullable: a result may be null on purpose (nothing opened); only the phantom's undefined goes.
export type Result<K extends ChannelName> = Exclude<Channels[K]['__result'], undefined>;
export type Progress<K extends ChannelName> = NonNullable<Channels[K]['__progress']>;
