import type { ToolRuntime } from '../../core/tool-runtime.ts';

/** Env Settings in the tool registry: handlers and CLI commands, loaded on first use. */
export const envTool: ToolRuntime<'env'> = {
  loadHandlers: async () => (await import('./handlers.ts')).envHandlers,
  commands: [
    {
      name: 'env',
      summary: 'Environment variables: see them, find where they are set, set them for good',
      load: async () => (await import('./cli.ts')).envCommands,
    },
  ],
};
