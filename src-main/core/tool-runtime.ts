import type { ToolEntry } from '../cli/command.ts';
import type { ToolId, toolChannels } from '../contract/tools.ts';
import type { HandlersOf } from './handlers.ts';

/**
 * A tool's code as the registry (src-main/tools/registry.ts) knows it, before any of it loads: the
 * desktop app, browser mode and the CLI load a tool's modules only when one of its channels or
 * commands is first used.
 */
export interface ToolRuntime<K extends ToolId> {
  /** The handler of each of the tool's channels (contract/tools.ts names them). */
  loadHandlers(): Promise<HandlersOf<(typeof toolChannels)[K]>>;
  /** The tool's top-level CLI commands, in the order `suite --help` lists them. */
  commands: ToolEntry[];
}
