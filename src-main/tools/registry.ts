import type { ToolId } from '../contract/tools.ts';
import type { ToolRuntime } from '../core/tool-runtime.ts';
import { compareTool } from './compare/tool.ts';
import { envTool } from './env/tool.ts';
import { inspectTool } from './inspect/tool.ts';
import { zoneTool } from './zone/tool.ts';

/**
 * Every tool's code, by the ids of contract/tools.ts: the handlers that answer its channels and its
 * CLI commands. The handler map (tools/handlers.ts) and the CLI's command list follow from it.
 */
export const toolRuntimes: { [K in ToolId]: ToolRuntime<K> } = {
  compare: compareTool,
  zone: zoneTool,
  env: envTool,
  inspect: inspectTool,
};
