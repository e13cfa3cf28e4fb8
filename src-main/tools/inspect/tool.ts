import type { ToolRuntime } from '../../core/tool-runtime.ts';

/** System Inspect in the tool registry: handlers and CLI commands, loaded on first use. */
export const inspectTool: ToolRuntime<'inspect'> = {
  loadHandlers: async () => (await import('./handlers.ts')).inspectHandlers,
  commands: [
    {
      name: 'inspect',
      summary: 'System inspection: OpenSSL installs, libraries, Python packages, TLS certificates',
      load: async () => (await import('./cli.ts')).inspectCommands,
    },
  ],
};
