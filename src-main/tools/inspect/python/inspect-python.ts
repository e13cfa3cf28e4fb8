import type { PythonReport } from '../../../contract/inspect.ts';
import { SuiteError } from '../../../core/suite-error.ts';
import { markdownTable } from '../markdown.ts';
import { runCommand } from '../run-command.ts';
import { editableLocation, freeze, freezeLine } from './freeze.ts';
import { findInterpreters, interpreterFromChoice } from './interpreters.ts';
import { gitEditableLines, svnBzrEditableLines } from './vcs.ts';
import { scanSitePackages } from './metadata.ts';
import type { MarkerEnvironment } from './pep508.ts';
import { resolveDistributions } from './resolve.ts';
import { toDot, toMermaid, whyInstalled } from './why.ts';

/** Asks the interpreter for what markers see, sys.path and its prefixes; it does not run pip. */
const PROBE = `
import json, os, platform, sys
def fmt(info):
    v = '%d.%d.%d' % (info.major, info.minor, info.micro)
    if info.releaselevel != 'final':
        v += info.releaselevel[0] + str(info.serial)
    return v
env = {
    'implementation_name': sys.implementation.name,
    'implementation_version': fmt(sys.implementation.version),
    'os_name': os.name,
    'platform_machine': platform.machine(),
    'platform_python_implementation': platform.python_implementation(),
    'platform_release': platform.release(),
    'platform_system': platform.system(),
    'platform_version': platform.version(),
    'python_full_version': platform.python_version(),
    'python_version': '.'.join(platform.python_version_tuple()[:2]),
    'sys_platform': sys.platform,
}
print(json.dumps({'env': env, 'path': [p for p in sys.path if p], 'version': platform.python_version(),
    'prefix': sys.prefix, 'inVenv': sys.prefix != getattr(sys, 'base_prefix', sys.prefix) or hasattr(sys, 'real_prefix'),
    'atLeast312': sys.version_info >= (3, 12)}))
`;

export interface Probe {
  env: MarkerEnvironment;
  path: string[];
  version: string;
  prefix: string;
  inVenv: boolean;
  atLeast312: boolean;
}

export async function probeInterpreter(interpreter: string, signal?: AbortSignal): Promise<Probe> {
  let result;
  try {
    result = await runCommand(interpreter, ['-c', PROBE], 15_000, process.env, signal);
  } catch (error) {
    throw new SuiteError(signal?.aborted ? 'CANCELLED' : 'FAILED', (error as Error).message);
  }
  if (result.code !== 0)
    throw new SuiteError(
      'FAILED',
      `${interpreter} failed: ${result.stderr.trim().split('\n').at(-1) ?? `status ${result.code}`}`,
    );
  try {
    return JSON.parse(result.stdout) as Probe;
  } catch {
    throw new SuiteError('FAILED', `${interpreter} did not answer like a Python 3 interpreter.`);
  }
}

export interface ReportOptions {
  /** pip freeze --all and --local. */
  freezeAll?: boolean;
  local?: boolean;
  why?: string;
}

function markdownFor(
  interpreter: string,
  probe: Probe,
  report: Omit<PythonReport, 'interpreters' | 'markdown' | 'chosen' | 'flagged'>,
): string {
  const pipConflicts = report.conflicts.filter((conflict) => conflict.extra === null);
  const extraConflicts = report.conflicts.filter((conflict) => conflict.extra !== null);
  const list = (title: string, lines: string[]) =>
    lines.length > 0 ? `\n### ${title}\n\n${lines.map((line) => `- ${line}`).join('\n')}\n` : '';
  return [
    `## Python: ${interpreter} (${probe.version})`,
    '',
    `${report.distributions.length} distributions.`,
    '',
    markdownTable(
      ['Distribution', 'Version', 'Requires', 'Required by'],
      report.distributions.map((d) => [
        d.name,
        d.version,
        d.requires
          .filter((r) => r.active)
          .map((r) => r.name + r.specifier + (r.onlyWithExtra ? ` (with extra ${r.onlyWithExtra})` : ''))
          .join(', '),
        d.requiredBy.join(', '),
      ]),
    ),
    '',
    pipConflicts.length > 0
      ? list(
          'Conflicts (as pip check)',
          pipConflicts.map((c) => c.message),
        )
      : 'No broken requirements found.',
    list(
      'Only with extras',
      extraConflicts.map((c) => c.message),
    ),
    list(
      'Duplicates',
      report.duplicates.map(
        (d) =>
          `${d.name}: the interpreter imports ${d.used.version} (${d.used.path}); also ${d.shadowed.map((s) => `${s.version} (${s.path})`).join(', ')}`,
      ),
    ),
    list(
      'Cycles',
      report.cycles.map(
        (cycle) =>
          `${cycle.members.join(', ')}: ${cycle.edges.map(([from, to]) => `${from} → ${to}`).join(', ')}`,
      ),
    ),
    list(
      'Problems',
      report.problems.map((p) => `${p.severity}: ${p.path}: ${p.message}`),
    ),
    report.why
      ? list(
          `Why is ${report.why.name} installed`,
          report.why.installed ? report.why.paths.map((path) => path.join(' → ')) : ['It is not installed.'],
        )
      : '',
  ].join('\n');
}

/** Reads the site-packages of a probed interpreter and resolves its distributions. */
export async function reportFor(
  interpreter: string,
  probe: Probe,
  options: ReportOptions = {},
  signal?: AbortSignal,
): Promise<Omit<PythonReport, 'interpreters'>> {
  const scan = await scanSitePackages(probe.path);
  const resolution = resolveDistributions(scan.distributions, probe.env);
  const entries = await Promise.all(
    resolution.distributions.map(async (distribution, index) => {
      const raw = resolution.raws[index]!;
      const location = editableLocation(raw);
      distribution.editable = location !== null;
      distribution.freezeLine = freezeLine(raw, distribution.version, distribution.validVersion);
      // pip asks git about an editable project in a checkout; only those start a process. A
      // Subversion or Bazaar folder is the innermost checkout, so pip picks it before git.
      if (location !== null) {
        const pinned = `${raw.name}${distribution.validVersion ? '==' : '==='}${distribution.version}`;
        distribution.freezeLine =
          svnBzrEditableLines(location, pinned) ??
          (await gitEditableLines(location, raw.name, pinned, signal)) ??
          distribution.freezeLine;
      }
      return { raw, line: distribution.freezeLine };
    }),
  );
  const requirementsTxt = await freeze(
    entries,
    { prefix: probe.prefix, inVenv: probe.inVenv, keepsBuildBackends: probe.atLeast312 },
    { all: options.freezeAll ?? false, local: options.local ?? false },
  );
  const problems = [
    ...scan.problems.map((problem) => ({ ...problem, severity: 'warning' as const })),
    ...resolution.problems,
  ];
  const body = {
    distributions: resolution.distributions,
    conflicts: resolution.conflicts,
    duplicates: resolution.duplicates,
    cycles: resolution.cycles,
    roots: resolution.roots,
    leaves: resolution.leaves,
    problems,
    requirementsTxt,
    graph: { mermaid: toMermaid(resolution.distributions), dot: toDot(resolution.distributions) },
    why: options.why ? whyInstalled(resolution.distributions, options.why) : null,
  };
  return {
    ...body,
    chosen: { path: interpreter, version: probe.version, sitePackages: probe.path },
    // The verdict `pip check` gives (exit 1), plus versions PEP 440 cannot read, which newer pips refuse.
    flagged:
      resolution.conflicts.some((conflict) => conflict.extra === null) ||
      problems.some((problem) => problem.severity === 'error'),
    markdown: markdownFor(interpreter, probe, body),
  };
}

/**
 * One interpreter inspected: the user's choice (then the list comes from the cache only, nothing
 * more is started), else the first found. Discovery and the probe run at once.
 */
export async function inspectPython(
  choice: string | undefined,
  options: ReportOptions = {},
  signal?: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PythonReport> {
  if (choice) {
    const interpreter = await interpreterFromChoice(choice);
    const [interpreters, probe] = await Promise.all([
      findInterpreters(env, { signal, cachedOnly: true }),
      probeInterpreter(interpreter, signal),
    ]);
    return { interpreters, ...(await reportFor(interpreter, probe, options, signal)) };
  }
  const interpreters = await findInterpreters(env, { signal });
  const interpreter = interpreters.find((candidate) => candidate.version !== null)?.path;
  if (!interpreter) {
    return {
      interpreters,
      chosen: null,
      distributions: [],
      conflicts: [],
      duplicates: [],
      cycles: [],
      roots: [],
      leaves: [],
      problems: [],
      requirementsTxt: '',
      graph: { mermaid: '', dot: '' },
      why: null,
      flagged: false,
      markdown: '## Python\n\nNo Python interpreter found.\n',
    };
  }
  return {
    interpreters,
    ...(await reportFor(interpreter, await probeInterpreter(interpreter, signal), options, signal)),
  };
}
