import type { Command, CommandGroup } from '../../cli/command.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { inspectLibraries } from './libraries.ts';
import { inspectOpenssl } from './openssl.ts';
import { inspectPython } from './python/inspect-python.ts';
import { systemOverview } from './system-overview.ts';
import { inspectTls } from './tls/inspect-tls.ts';

/** Text output is the report's Markdown; exit 1 when something in it is flagged. */
const report = (result: { flagged: boolean; markdown: string }) => ({
  exitCode: result.flagged ? (1 as const) : (0 as const),
  json: result,
  text: `${result.markdown.trim()}\n`,
});

const commands: Command[] = [
  {
    name: 'system',
    summary: 'OS, architecture, shell and runtime versions',
    usage: '',
    run: async () => report(await systemOverview()),
  },
  {
    name: 'openssl',
    summary: 'Every openssl executable, which one runs, and whether it is supported',
    usage: '',
    run: async () => report(await inspectOpenssl()),
  },
  {
    name: 'libs',
    summary: 'libssl and libcrypto libraries, their versions and links (dangling links flagged)',
    usage: '',
    run: async () => report(await inspectLibraries()),
  },
  {
    name: 'python',
    summary: 'Installed distributions of a Python as a dependency tree, with conflicts and cycles',
    usage: '[--python PATH] [--requirements]',
    details: [
      '--python PATH     an interpreter or a virtual environment (default: the first python on PATH)',
      '--requirements    print a pinned requirements.txt instead',
    ],
    options: { python: { type: 'string' }, requirements: { type: 'boolean' } },
    async run({ values }) {
      const result = await inspectPython(typeof values.python === 'string' ? values.python : undefined);
      const output = report(result);
      return values.requirements ? { ...output, text: result.requirementsTxt } : output;
    },
  },
  {
    name: 'tls',
    summary: 'A certificate file, Kubernetes TLS Secret or host:port: chain, expiry, trust, host name',
    usage: 'TARGET [--ca FILE] [--timeout SECONDS]',
    details: [
      '--ca FILE         extra trusted roots (PEM), such as a private CA',
      '--timeout SECONDS time limit for a live host (default 8)',
    ],
    options: { ca: { type: 'string' }, timeout: { type: 'string' } },
    async run({ positionals, values }) {
      if (positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one file or host:port.');
      const seconds = values.timeout === undefined ? 8 : Number(values.timeout);
      if (!(seconds > 0 && seconds <= 60))
        throw new SuiteError('BAD_INPUT', '--timeout takes 0.1 to 60 seconds.');
      return report(
        await inspectTls({
          target: positionals[0]!,
          caFile: typeof values.ca === 'string' ? values.ca : undefined,
          timeoutMs: Math.round(seconds * 1000),
        }),
      );
    },
  },
];

export const inspectCommands: CommandGroup = {
  name: 'inspect',
  summary: 'System inspection: OpenSSL installs, libraries, Python packages, TLS certificates',
  commands,
};
