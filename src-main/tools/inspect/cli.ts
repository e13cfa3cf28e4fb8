import type { Command, CommandGroup } from '../../cli/command.ts';
import { callChannel } from '../../cli/call-channel.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { inspectApi } from './handlers.ts';
import { systemOverview } from './system-overview.ts';

/** Text output is the report's Markdown; exit 1 when something in it is flagged. */
const report = (result: { flagged: boolean; markdown: string }) => ({
  exitCode: result.flagged ? (1 as const) : (0 as const),
  json: result,
  text: `${result.markdown.trim()}\n`,
});

/** "30d" (days left) or "33%" / "0.33" (share of the lifetime left). */
function parseRenew(value: string | undefined): { days?: number; share?: number } | undefined {
  if (value === undefined) return undefined;
  const days = /^(\d+)\s*d(ays?)?$/i.exec(value.trim());
  if (days) return { days: Number(days[1]) };
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(value.trim());
  const share = percent ? Number(percent[1]) / 100 : /^0?\.\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (share > 0 && share < 1) return { share };
  throw new SuiteError(
    'BAD_INPUT',
    `--renew takes days (30d) or a share of the lifetime (33% or 0.33), not "${value}".`,
  );
}

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
    run: async ({ signal }) => report(await callChannel(inspectApi, 'inspect.openssl', {}, signal)),
  },
  {
    name: 'libs',
    summary:
      'libssl and libcrypto files: what each really is, its version and links (dangling, loops, non-libraries flagged)',
    usage: '[--dir DIR]...',
    details: ['--dir DIR         check this folder instead of the system folders (repeatable)'],
    options: { dir: { type: 'string', multiple: true } },
    run: async ({ values, signal }) =>
      report(
        await callChannel(
          inspectApi,
          'inspect.libs',
          { dirs: Array.isArray(values.dir) ? values.dir : undefined },
          signal,
        ),
      ),
  },
  {
    name: 'linkage',
    summary:
      "Why won't it load: the libraries a program, library or Python needs, where each resolves, what is missing",
    usage: 'PROGRAM...',
    details: [
      'PROGRAM           a path, a command on PATH, or a Python (its _ssl and _hashlib modules too)',
      'Exit 1 when a library is missing.',
    ],
    async run({ positionals, signal }) {
      if (positionals.length === 0)
        throw new SuiteError('BAD_INPUT', 'give at least one program, library or Python.');
      return report(await callChannel(inspectApi, 'inspect.linkage', { targets: positionals }, signal));
    },
  },
  {
    name: 'python',
    summary:
      'Installed distributions of a Python as a dependency tree, with conflicts (as pip check) and cycles',
    usage: '[--python PATH] [--requirements [--all] [--local]] [--why NAME] [--graph mermaid|dot]',
    details: [
      '--python PATH     an interpreter or a virtual environment (default: the first python on PATH)',
      '--requirements    print what `pip freeze` prints for it (exit 0 when that worked)',
      '--all, --local    as with pip freeze: keep pip/setuptools/wheel; leave out what a venv sees from outside',
      '--why NAME        the paths from NAME up to what nothing requires',
      '--graph FORMAT    print the dependency graph as Mermaid or Graphviz DOT',
    ],
    options: {
      python: { type: 'string' },
      requirements: { type: 'boolean' },
      all: { type: 'boolean' },
      local: { type: 'boolean' },
      why: { type: 'string' },
      graph: { type: 'string' },
    },
    async run({ values, signal }) {
      const graph = values.graph;
      if (graph !== undefined && graph !== 'mermaid' && graph !== 'dot')
        throw new SuiteError('BAD_INPUT', '--graph takes mermaid or dot.');
      const result = await callChannel(
        inspectApi,
        'inspect.python',
        {
          python: typeof values.python === 'string' ? values.python : undefined,
          freezeAll: values.all === true,
          local: values.local === true,
          why: typeof values.why === 'string' ? values.why : undefined,
        },
        signal,
      );
      // An export that worked exits 0, whatever the environment's conflicts.
      if (values.requirements) return { exitCode: 0, json: result, text: result.requirementsTxt };
      if (graph) return { exitCode: 0, json: result, text: result.graph[graph] };
      if (result.why) {
        const why = result.why;
        const text = why.installed
          ? `${why.paths.map((path) => path.join(' → ')).join('\n')}\n${why.truncated ? '(more paths not shown)\n' : ''}`
          : `${why.name} is not installed.\n`;
        return { exitCode: why.installed ? 0 : 1, json: result, text };
      }
      return report(result);
    },
  },
  {
    name: 'tls',
    summary:
      'Certificate files, Kubernetes TLS Secrets or hosts: trust as OpenSSL judges it, renewal, the sent chain',
    usage:
      'TARGET | --dir FOLDER | --hosts FILE  [--ca FILE] [--host NAME] [--servername NAME] [--renew 30d|33%] [--timeout SECONDS]',
    details: [
      'TARGET            a PEM/DER/PKCS#7 file, a Kubernetes Secret or List (YAML/JSON), host[:port],',
      '                  https://host[:port] or [v6]:port',
      '--dir FOLDER      every certificate file in FOLDER, one row each (like ssl-cert-check -d)',
      '--hosts FILE      every host[:port] or file listed in FILE, one a line (like ssl-cert-check -f)',
      '--ca FILE         extra trusted roots (PEM), such as a private CA',
      '--host NAME       check the certificate against this host name (files and Secrets too)',
      '--servername NAME the SNI name to send, when it differs from the address',
      '--renew WHEN      "renew soon" threshold: days (30d) or share of the lifetime left (33%; default a third)',
      '--timeout SECONDS time limit for each live host (default 8)',
      'Exit 1 when a chain fails verification, is due for renewal, or has the wrong host or key.',
    ],
    options: {
      ca: { type: 'string' },
      host: { type: 'string' },
      servername: { type: 'string' },
      renew: { type: 'string' },
      timeout: { type: 'string' },
      dir: { type: 'string' },
      hosts: { type: 'string' },
    },
    async run({ positionals, values, signal }) {
      const text = (name: string) =>
        typeof values[name] === 'string' ? (values[name] as string) : undefined;
      const seconds = values.timeout === undefined ? 8 : Number(values.timeout);
      if (!(seconds >= 0.1 && seconds <= 60))
        throw new SuiteError('BAD_INPUT', '--timeout takes 0.1 to 60 seconds.');
      const common = {
        caFile: text('ca'),
        renew: parseRenew(text('renew')),
        timeoutMs: Math.round(seconds * 1000),
      };
      if (text('dir') !== undefined || text('hosts') !== undefined) {
        if (positionals.length > 0)
          throw new SuiteError('BAD_INPUT', 'give a TARGET, or --dir/--hosts, not both.');
        return report(
          await callChannel(
            inspectApi,
            'inspect.tlsBatch',
            { folder: text('dir'), listFile: text('hosts'), ...common },
            signal,
          ),
        );
      }
      if (positionals.length !== 1) throw new SuiteError('BAD_INPUT', 'give one file or host:port.');
      return report(
        await callChannel(
          inspectApi,
          'inspect.tls',
          { target: positionals[0]!, host: text('host'), servername: text('servername'), ...common },
          signal,
        ),
      );
    },
  },
];

export const inspectCommands: CommandGroup = {
  name: 'inspect',
  summary: 'System inspection: OpenSSL installs, libraries, Python packages, TLS certificates',
  commands,
};
