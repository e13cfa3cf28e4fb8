import type { PythonReport } from '../../../contract/inspect.ts';
import { SuiteError } from '../../../core/suite-error.ts';
import { markdownTable } from '../markdown.ts';
import { runCommand } from '../run-command.ts';
import { findInterpreters, interpreterFromChoice } from './interpreters.ts';
import { scanSitePackages } from './metadata.ts';
import type { MarkerEnvironment } from './pep508.ts';
import { resolveDistributions } from './resolve.ts';

/** Asks the interpreter for what markers see and for sys.path; it does not run pip. */
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
print(json.dumps({'env': env, 'path': [p for p in sys.path if p], 'version': platform.python_version()}))
`;

export interface Probe {
  env: MarkerEnvironment;
  path: string[];
  version: string;
}

export async function probeInterpreter(interpreter: string): Promise<Probe> {
  let result;
  try {
    result = await runCommand(interpreter, ['-c', PROBE], 15_000);
  } catch (error) {
    throw new SuiteError('FAILED', (error as Error).message);
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

/** Reads the site-packages of a probed interpreter and resolves its distributions. */
export async function reportFor(
  interpreter: string,
  probe: Probe,
): Promise<Omit<PythonReport, 'interpreters'>> {
  const scan = await scanSitePackages(probe.path);
  const resolution = resolveDistributions(scan.distributions, probe.env);
  const requirementsTxt =
    resolution.distributions
      .map((distribution) => `${distribution.name}==${distribution.version}`)
      .join('\n') + '\n';
  const problems = [...scan.problems, ...resolution.problems];
  const conflictRows = resolution.conflicts.map((conflict) => [conflict.message]);
  const markdown = [
    `## Python: ${interpreter} (${probe.version})`,
    '',
    `${resolution.distributions.length} distributions.`,
    '',
    markdownTable(
      ['Distribution', 'Version', 'Requires', 'Required by'],
      resolution.distributions.map((d) => [
        d.name,
        d.version,
        d.requires
          .filter((r) => r.active)
          .map((r) => r.name + r.specifier)
          .join(', '),
        d.requiredBy.join(', '),
      ]),
    ),
    '',
    conflictRows.length > 0
      ? `### Conflicts\n\n${markdownTable(['Conflict'], conflictRows)}`
      : 'No conflicts.',
    resolution.cycles.length > 0
      ? `\n### Cycles\n\n${resolution.cycles.map((cycle) => `- ${[...cycle, cycle[0]].join(' → ')}`).join('\n')}`
      : '',
    problems.length > 0
      ? `\n### Unreadable metadata\n\n${markdownTable(
          ['Path', 'Problem'],
          problems.map((p) => [p.path, p.message]),
        )}`
      : '',
  ].join('\n');
  return {
    chosen: { path: interpreter, version: probe.version, sitePackages: probe.path },
    distributions: resolution.distributions,
    conflicts: resolution.conflicts,
    cycles: resolution.cycles,
    problems,
    requirementsTxt,
    flagged: resolution.conflicts.length > 0 || resolution.cycles.length > 0 || problems.length > 0,
    markdown,
  };
}

/** The interpreters found, and one of them (the user's choice, else the first) inspected. */
export async function inspectPython(
  choice: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PythonReport> {
  const interpreters = await findInterpreters(env);
  const interpreter = choice ? await interpreterFromChoice(choice) : interpreters[0]?.path;
  if (!interpreter) {
    return {
      interpreters,
      chosen: null,
      distributions: [],
      conflicts: [],
      cycles: [],
      problems: [],
      requirementsTxt: '',
      flagged: false,
      markdown: '## Python\n\nNo Python interpreter found.\n',
    };
  }
  return { interpreters, ...(await reportFor(interpreter, await probeInterpreter(interpreter))) };
}
