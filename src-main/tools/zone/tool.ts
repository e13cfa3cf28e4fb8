import type { ToolRuntime } from '../../core/tool-runtime.ts';

/** Zone Convert in the tool registry: handlers and CLI commands, loaded on first use. */
export const zoneTool: ToolRuntime<'zone'> = {
  loadHandlers: async () => (await import('./handlers.ts')).zoneHandlers,
  commands: [
    {
      name: 'zone',
      summary: 'Time zones: convert times, do wall-clock arithmetic, list transitions and zones',
      load: async () => (await import('./cli.ts')).zoneCommands,
    },
  ],
};
