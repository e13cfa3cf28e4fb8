import type { Conflict, Distribution, PythonReport } from '../../../src-main/contract/inspect.ts';

function distribution(name: string, requiredBy: string[] = []): Distribution {
  return {
    name,
    version: '1.0',
    validVersion: true,
    summary: '',
    location: '/venv/lib/python3.12/site-packages',
    metadataPath: `/venv/lib/python3.12/site-packages/${name}-1.0.dist-info`,
    requires: [],
    requiredBy,
    editable: false,
    freezeLine: `${name}==1.0`,
  };
}

/** What inspect.python answers for an interpreter: two distributions, with or without a conflict. */
export function pythonReport(python: string, conflicts: Conflict[] = []): PythonReport {
  return {
    flagged: conflicts.length > 0,
    markdown: '',
    interpreters: [{ path: python, version: '3.12.1', foundVia: 'PATH' }],
    chosen: { path: python, version: '3.12.1', sitePackages: ['/venv/lib/python3.12/site-packages'] },
    distributions: [distribution('app'), distribution('requests', ['app'])],
    conflicts,
    duplicates: [],
    cycles: [],
    problems: [],
    roots: ['app'],
    leaves: ['requests'],
    graph: { mermaid: '', dot: '' },
    requirementsTxt: 'app==1.0\nrequests==1.0\n',
    why: null,
  };
}

export const versionConflict: Conflict = {
  distribution: 'app',
  requirement: 'requests>=2',
  kind: 'version',
  installed: '1.0',
  extra: null,
  message: 'app 1.0 has requirement requests>=2, but you have requests 1.0.',
};
