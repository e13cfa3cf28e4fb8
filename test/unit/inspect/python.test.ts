import { execFileSync } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  inspectPython,
  probeInterpreter,
  reportFor,
} from '../../../src-main/tools/inspect/python/inspect-python.ts';
import { scanSitePackages } from '../../../src-main/tools/inspect/python/metadata.ts';
import {
  evaluateMarker,
  normalizeName,
  parseRequirement,
} from '../../../src-main/tools/inspect/python/pep508.ts';
import { resolveDistributions } from '../../../src-main/tools/inspect/python/resolve.ts';
import { toDot, toMermaid, whyInstalled } from '../../../src-main/tools/inspect/python/why.ts';
import { tempDir } from '../../support/temp.ts';

const python = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();
const linux = {
  os_name: 'posix',
  sys_platform: 'linux',
  platform_system: 'Linux',
  platform_machine: 'x86_64',
  python_version: '3.11',
  python_full_version: '3.11.7',
  implementation_name: 'cpython',
  implementation_version: '3.11.7',
  platform_python_implementation: 'CPython',
  platform_release: '6.1',
  platform_version: '#1',
};

/** A site-packages with a few hundred distributions, among them a conflict, a cycle, extras and markers. */
async function makeSitePackages(root: string): Promise<string> {
  const site = join(root, 'site-packages');
  await mkdir(site, { recursive: true });
  const dist = async (name: string, version: string, requires: string[] = [], extras: string[] = []) => {
    const folder = join(site, `${name.replace(/-/g, '_')}-${version}.dist-info`);
    await mkdir(folder);
    const lines = [
      'Metadata-Version: 2.1',
      `Name: ${name}`,
      `Version: ${version}`,
      `Summary: The ${name} package`,
      ...extras.map((extra) => `Provides-Extra: ${extra}`),
      ...requires.map((requirement) => `Requires-Dist: ${requirement}`),
      '',
      'Long description.',
    ];
    await writeFile(join(folder, 'METADATA'), lines.join('\n'));
  };
  for (let i = 0; i < 300; i++) await dist(`filler-${i}`, `1.${i}.0`, i > 0 ? [`filler-${i - 1}>=1.0`] : []);
  await dist('app', '2.0', [
    'requests[socks]>=2.0',
    'click (>=8.0,<9)',
    'colorama ; sys_platform == "win32"',
    'tomli ; python_version < "3.11"',
    'legacy-thing<1 ; python_version < "3.0"',
  ]);
  await dist(
    'requests',
    '2.31.0',
    ['urllib3<3,>=1.21.1', 'PySocks!=1.5.7,>=1.5.6 ; extra == "socks"', 'chardet ; extra == "use_chardet"'],
    ['socks', 'use_chardet'],
  );
  await dist('urllib3', '3.1.0');
  await dist('click', '8.1.7');
  await dist('chicken', '1.0', ['egg>=1']);
  await dist('egg', '1.0', ['chicken']);
  const egg = join(site, 'old_style-0.5.egg-info');
  await mkdir(egg);
  await writeFile(
    join(egg, 'PKG-INFO'),
    'Metadata-Version: 1.1\nName: old-style\nVersion: 0.5\nSummary: Egg metadata\n',
  );
  await writeFile(
    join(egg, 'requires.txt'),
    'click\n\n[fast]\nujson\n\n[:sys_platform == "linux"]\nurllib3\n',
  );
  await mkdir(join(site, 'broken-1.0.dist-info'));
  await writeFile(join(site, 'broken-1.0.dist-info', 'METADATA'), 'this is not metadata at all\n');
  return site;
}

describe('PEP 508 requirements and markers', () => {
  it('parses names, extras, specifiers, URLs and markers', () => {
    expect(parseRequirement('requests[socks, security] (>=2.0,<3) ; python_version >= "3.8"')).toEqual({
      name: 'requests',
      extras: ['socks', 'security'],
      specifier: '>=2.0,<3',
      url: null,
      marker: 'python_version >= "3.8"',
    });
    expect(parseRequirement('pkg @ https://example.com/pkg.whl ; os_name == "nt"')).toMatchObject({
      name: 'pkg',
      url: 'https://example.com/pkg.whl',
      marker: 'os_name == "nt"',
    });
    expect(normalizeName('Foo.Bar__baz')).toBe('foo-bar-baz');
  });

  it('evaluates markers with PEP 440 comparisons, and/or and parentheses', () => {
    expect(evaluateMarker('python_version >= "3.8"', linux)).toBe(true);
    expect(evaluateMarker('python_version < "3.10"', linux)).toBe(false);
    expect(
      evaluateMarker(
        'python_full_version >= "3.11.7" and (sys_platform == "win32" or os_name == "posix")',
        linux,
      ),
    ).toBe(true);
    expect(evaluateMarker('"linux" in sys_platform', linux)).toBe(true);
    expect(evaluateMarker('platform_machine not in "arm64 aarch64"', linux)).toBe(true);
    expect(evaluateMarker('extra == "Use_Chardet"', { ...linux, extra: 'use-chardet' })).toBe(true);
    expect(() => evaluateMarker('python_version >=', linux)).toThrow();
  });
});

describe('a site-packages of a few hundred distributions', () => {
  let site: string;
  beforeAll(async () => {
    site = await makeSitePackages(await tempDir('site'));
  });

  it('resolves markers, extras, conflicts, cycles and the reverse tree', async () => {
    const scan = await scanSitePackages([site]);
    expect(scan.problems).toEqual([
      {
        path: join(site, 'broken-1.0.dist-info'),
        message: 'metadata has no Name: pip skips it',
      },
    ]);
    const result = resolveDistributions(scan.distributions, linux);
    expect(result.distributions).toHaveLength(307);
    const app = result.distributions.find((d) => d.name === 'app')!;
    expect(app.requires.map((r) => [r.name, r.active])).toEqual([
      ['requests', true],
      ['click', true],
      ['colorama', false],
      ['tomli', false],
      ['legacy-thing', false],
    ]);
    const requests = result.distributions.find((d) => d.name === 'requests')!;
    // app asks for requests[socks], so PySocks applies, only with that extra; nobody asks for use_chardet.
    expect(requests.requires.filter((r) => r.active).map((r) => [r.name, r.onlyWithExtra])).toEqual([
      ['urllib3', null],
      ['PySocks', 'socks'],
    ]);
    expect(requests.requiredBy).toEqual(['app']);
    // pip check's lines first, in its order; then what breaks only when an extra is asked for.
    expect(result.conflicts.map((c) => [c.message, c.extra])).toEqual([
      ['requests 2.31.0 has requirement urllib3<3,>=1.21.1, but you have urllib3 3.1.0.', null],
      ['requests 2.31.0 requires pysocks, which is not installed (only with extra socks).', 'socks'],
    ]);
    expect(result.cycles).toEqual([
      {
        members: ['chicken', 'egg'],
        edges: [
          ['chicken', 'egg'],
          ['egg', 'chicken'],
        ],
      },
    ]);
    // Nothing outside requires chicken or egg: the cycle still gets a root, so both are in the tree.
    expect(result.roots).toContain('chicken');
    const old = result.distributions.find((d) => d.name === 'old-style')!;
    expect(old.requires.map((r) => [r.name, r.active])).toEqual([
      ['click', true],
      ['ujson', false],
      ['urllib3', true],
    ]);
  });

  it('reports it through a real interpreter whose site-packages it is', async () => {
    const probe = await probeInterpreter(python);
    const report = await reportFor(python, { ...probe, path: [site] });
    expect(report.flagged).toBe(true);
    expect(report.requirementsTxt.split('\n')).toContain('urllib3==3.1.0');
    expect(report.markdown).toContain('### Cycles\n\n- chicken, egg: chicken → egg, egg → chicken');
  });
});

describe('graph shapes', () => {
  const raw = (name: string, requiresDist: string[] = [], version = '1.0') => ({
    name,
    version,
    summary: '',
    requiresDist,
    location: '/site',
    source: `/site/${name}-${version}.dist-info`,
    directUrl: null,
    eggLink: false,
    pipName: name.toLowerCase(),
  });

  it('shows a strongly connected group with its real edges only, and every member reachable', () => {
    const result = resolveDistributions(
      [raw('top', ['a']), raw('a', ['b']), raw('b', ['a', 'c']), raw('c', ['b', 'leaf']), raw('leaf')],
      linux,
    );
    expect(result.cycles).toEqual([
      {
        members: ['a', 'b', 'c'],
        edges: [
          ['a', 'b'],
          ['b', 'a'],
          ['b', 'c'],
          ['c', 'b'],
        ],
      },
    ]);
    expect(result.roots).toEqual(['top']);
    const island = resolveDistributions([raw('x', ['y']), raw('y', ['x'])], linux);
    expect(island.roots).toEqual(['x']);
  });

  it('does not call a self-referencing extra a cycle', () => {
    const result = resolveDistributions(
      [
        raw('dask', ['numpy ; extra == "array"', 'dask[array] ; extra == "complete"']),
        raw('user', ['dask[complete]']),
        raw('numpy'),
      ],
      linux,
    );
    expect(result.cycles).toEqual([]);
    expect(result.conflicts).toEqual([]);
    const dask = result.distributions.find((d) => d.name === 'dask')!;
    expect(dask.requires.map((r) => [r.name, r.onlyWithExtra])).toEqual([
      ['numpy', 'array'],
      ['dask', 'complete'],
    ]);
  });

  it('reports duplicates with the one the interpreter imports: the first on sys.path', () => {
    const result = resolveDistributions(
      [
        { ...raw('twice', [], '2.0'), location: '/first' },
        { ...raw('twice', [], '1.0'), location: '/second' },
      ],
      linux,
    );
    expect(result.distributions.map((d) => d.version)).toEqual(['2.0']);
    expect(result.duplicates).toEqual([
      {
        name: 'twice',
        used: { version: '2.0', path: '/site/twice-2.0.dist-info' },
        shadowed: [{ version: '1.0', path: '/site/twice-1.0.dist-info' }],
      },
    ]);
  });

  it('answers why a package is installed, and exports Mermaid and DOT', () => {
    const { distributions } = resolveDistributions(
      [
        raw('web', ['http', 'json']),
        raw('cli', ['http']),
        raw('http', ['idna']),
        raw('json', ['idna']),
        raw('idna'),
        raw('loop1', ['loop2']),
        raw('loop2', ['loop1', 'idna']),
      ],
      linux,
    );
    const why = whyInstalled(distributions, 'IDNA');
    expect(why.paths.map((path) => path.join(' > ')).sort()).toEqual([
      'cli > http > idna',
      'loop1 > loop2 > idna',
      'web > http > idna',
      'web > json > idna',
    ]);
    expect(whyInstalled(distributions, 'nope')).toEqual({
      name: 'nope',
      installed: false,
      paths: [],
      truncated: false,
    });
    const mermaid = toMermaid(distributions);
    expect(mermaid).toMatch(/^flowchart LR\n/);
    expect(mermaid).toContain('  p_web --> p_http');
    const dot = toDot(distributions);
    expect(dot).toContain('  "web" -> "http";');
    expect(dot.trim().endsWith('}')).toBe(true);
  });
});

describe("the machine's real Python", () => {
  it('lists what pip list lists, and finds what pip check finds', async () => {
    const report = await inspectPython(python);
    const pipList = JSON.parse(
      execFileSync(python, ['-m', 'pip', 'list', '--format=json', '--disable-pip-version-check'], {
        encoding: 'utf8',
      }),
    ) as { name: string; version: string }[];
    const ours = report.distributions.map((d) => `${normalizeName(d.name)}==${d.version}`).sort();
    expect(ours).toEqual(pipList.map((d) => `${normalizeName(d.name)}==${d.version}`).sort());
    let pipCheck = '';
    try {
      execFileSync(python, ['-m', 'pip', 'check', '--disable-pip-version-check'], { encoding: 'utf8' });
    } catch (error) {
      pipCheck = String((error as { stdout?: string }).stdout);
    }
    const lines = pipCheck.split('\n').filter((line) => line && line !== 'No broken requirements found.');
    expect(
      report.conflicts
        .filter((c) => c.extra === null)
        .map((c) => c.message)
        .sort(),
    ).toEqual(lines.sort());
  });

  it('accepts a virtual environment folder, and says clearly when the interpreter is missing', async () => {
    const root = await tempDir('venv');
    execFileSync(python, ['-m', 'venv', '--without-pip', join(root, 'venv')]);
    const report = await inspectPython(join(root, 'venv'));
    expect(report.chosen?.path).toBe(join(root, 'venv', 'bin', 'python'));
    expect(report.distributions).toEqual([]);
    await expect(inspectPython(join(root, 'no-such-python'))).rejects.toThrow(
      `${join(root, 'no-such-python')} does not exist.`,
    );
    await writeFile(join(root, 'not-python'), '#!/bin/sh\necho nope\n');
    await chmod(join(root, 'not-python'), 0o755);
    await expect(inspectPython(join(root, 'not-python'))).rejects.toThrow(
      'did not answer like a Python 3 interpreter',
    );
  }, 30_000);
});

describe('why-installed on a dense graph', () => {
  it('stops after a bounded walk and says the list is cut short', () => {
    // 40 layers of 3 packages, each requiring all 3 of the next layer: 3^40 paths to the bottom.
    const layers = 40;
    const raws = [];
    for (let layer = 0; layer < layers; layer++)
      for (let i = 0; i < 3; i++)
        raws.push({
          name: `p${layer}-${i}`,
          version: '1.0',
          summary: '',
          requiresDist: layer + 1 < layers ? [0, 1, 2].map((j) => `p${layer + 1}-${j}`) : [],
          location: '/site',
          source: `/site/p${layer}-${i}.dist-info`,
          directUrl: null,
          eggLink: false,
          pipName: `p${layer}-${i}`,
        });
    const { distributions } = resolveDistributions(raws, linux);
    const why = whyInstalled(distributions, `p${layers - 1}-0`);
    expect(why.paths).toHaveLength(50);
    expect(why.truncated).toBe(true);
    expect(why.paths[0]).toHaveLength(layers);
  });
});
