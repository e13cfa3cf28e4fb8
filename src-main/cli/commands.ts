import { toolRuntimes } from '../tools/registry.ts';
import type { ToolEntry } from './command.ts';

/**
 * Every command, in the order --help lists them: each tool's, from the tool registry, then the
 * suite's own. A tool's code loads only when one of its commands runs, so `suite compare` does not
 * pay for loading Temporal or the X.509 libraries. The names and summaries repeat those of the
 * modules; a test keeps the two alike.
 */
export const commands: ToolEntry[] = [
  // The registry's order is the tools' (contract/tools.ts); taken from it, no tool's contract loads.
  ...Object.values(toolRuntimes).flatMap((tool) => tool.commands),
  {
    name: 'info',
    summary: 'Show the versions of the suite and the runtime',
    load: async () => (await import('../tools/app/cli.ts')).infoCommand,
  },
];
