import { compareChannels } from './compare.ts';
import { envChannels } from './env.ts';
import { inspectChannels } from './inspect.ts';
import { zoneChannels } from './zone.ts';

/**
 * The tools, by id, with their channels: the contract's part of the tool registry. Their code is in
 * src-main/tools/registry.ts and their pages in src-renderer/lib/tools.ts, both keyed by these ids
 * (the compiler refuses a tool missing from either). The order is the order of the app's navigation.
 */
export const toolChannels = {
  compare: compareChannels,
  zone: zoneChannels,
  env: envChannels,
  inspect: inspectChannels,
};

export type ToolId = keyof typeof toolChannels;
export const TOOL_IDS = Object.keys(toolChannels) as [ToolId, ...ToolId[]];
