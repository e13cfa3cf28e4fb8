import type { ToolRuntime } from '../../core/tool-runtime.ts';

/** File Compare in the tool registry: handlers and CLI commands, loaded on first use. */
export const compareTool: ToolRuntime<'compare'> = {
  loadHandlers: async () => (await import('./handlers.ts')).compareHandlers,
  commands: [
    {
      name: 'compare',
      summary: 'Compare two files by digest (and byte for byte with --exact)',
      load: async () => (await import('./cli.ts')).compareCommand,
    },
    {
      name: 'hash',
      summary: 'Print digests as "<hex>  <path>" lines that sha256sum -c accepts',
      load: async () => (await import('./cli.ts')).hashCommand,
    },
    {
      name: 'verify',
      summary: 'Verify a checksum file (GNU or BSD format) like sha256sum -c',
      load: async () => (await import('./cli.ts')).verifyCommand,
    },
  ],
};
