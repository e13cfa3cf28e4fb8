import type { ToolEntry } from './command.ts';

/**
 * Every tool's commands, in the order --help lists them. A tool's code loads only when one of its
 * commands runs, so `suite compare` does not pay for loading Temporal or the X.509 libraries.
 * The names and summaries repeat those of the modules; a test keeps the two alike.
 */
export const commands: ToolEntry[] = [
  {
    name: 'compare',
    summary: 'Compare two files by digest (and byte for byte with --exact)',
    load: async () => (await import('../tools/compare/cli.ts')).compareCommand,
  },
  {
    name: 'hash',
    summary: 'Print digests as "<hex>  <path>" lines that sha256sum -c accepts',
    load: async () => (await import('../tools/compare/cli.ts')).hashCommand,
  },
  {
    name: 'verify',
    summary: 'Verify a checksum file (GNU or BSD format) like sha256sum -c',
    load: async () => (await import('../tools/compare/cli.ts')).verifyCommand,
  },
  {
    name: 'zone',
    summary: 'Time zones: convert times, do wall-clock arithmetic, list transitions and zones',
    load: async () => (await import('../tools/zone/cli.ts')).zoneCommands,
  },
  {
    name: 'env',
    summary: 'Environment variables: see them, find where they are set, set them for good',
    load: async () => (await import('../tools/env/cli.ts')).envCommands,
  },
  {
    name: 'inspect',
    summary: 'System inspection: OpenSSL installs, libraries, Python packages, TLS certificates',
    load: async () => (await import('../tools/inspect/cli.ts')).inspectCommands,
  },
  {
    name: 'info',
    summary: 'Show the versions of the suite and the runtime',
    load: async () => (await import('../tools/app/cli.ts')).infoCommand,
  },
];
