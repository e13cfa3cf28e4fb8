import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeInterpreter } from '../../src-main/tools/inspect/python/inspect-python.ts';
import { scanSitePackages } from '../../src-main/tools/inspect/python/metadata.ts';
import { resolveDistributions } from '../../src-main/tools/inspect/python/resolve.ts';
import { machine, median, printTable, timeCommand } from './measure.ts';

const COUNT = 1000;
const RUNS = 5;

/** A site-packages of 1,000 distributions, each requiring a few others, some with markers and extras. */
function makeSitePackages(root: string): string {
  const site = join(root, 'site-packages');
  mkdirSync(site);
  for (let i = 0; i < COUNT; i++) {
    const folder = join(site, `bench_pkg_${i}-1.${i}.0.dist-info`);
    mkdirSync(folder);
    const requires = [1, 7, 31]
      .filter((step) => i - step >= 0)
      .map((step) => `Requires-Dist: bench-pkg-${i - step}>=1.0`);
    if (i % 10 === 0)
      requires.push(
        'Requires-Dist: colorama ; sys_platform == "win32"',
        `Requires-Dist: bench-pkg-${(i + 1) % COUNT}[fast] ; python_version >= "3.8"`,
      );
    writeFileSync(
      join(folder, 'METADATA'),
      [
        `Metadata-Version: 2.1`,
        `Name: bench-pkg-${i}`,
        `Version: 1.${i}.0`,
        `Summary: Benchmark package ${i}`,
        'Provides-Extra: fast',
        ...requires,
        '',
        'Description.',
      ].join('\n'),
    );
    writeFileSync(join(folder, 'RECORD'), '');
  }
  return site;
}

export async function benchInspect(): Promise<void> {
  const python = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();
  const root = mkdtempSync(join(tmpdir(), 'suite-bench-site-'));
  try {
    const site = makeSitePackages(root);
    const { env } = await probeInterpreter(python);
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const scan = await scanSitePackages([site]);
      count = resolveDistributions(scan.distributions, env).distributions.length;
      times.push(performance.now() - started);
    }
    const ours = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]! / 1000;
    if (count !== COUNT) throw new Error(`read ${count} distributions, expected ${COUNT}`);
    const pip = median(RUNS, () =>
      timeCommand(python, [
        '-m',
        'pip',
        'list',
        '--format=json',
        '--path',
        site,
        '--disable-pip-version-check',
      ]),
    );
    let pipdeptree: number | null = null;
    try {
      execFileSync(python, ['-m', 'pipdeptree', '--version'], { stdio: 'ignore' });
      pipdeptree = median(RUNS, () => timeCommand(python, ['-m', 'pipdeptree', '--json', '--path', site]));
    } catch {
      pipdeptree = null;
    }
    printTable(
      `System Inspect: a site-packages of ${COUNT} distributions read and resolved; median of ${RUNS} (${machine()})`,
      [
        {
          name: 'suite: read metadata, evaluate markers, resolve tree, conflicts, cycles',
          value: `${(ours * 1000).toFixed(1)} ms`,
          target: '< 300 ms',
          met: ours < 0.3,
        },
        {
          name: 'pip list --format=json --path',
          value: `${(pip * 1000).toFixed(1)} ms (pip/suite ${(pip / ours).toFixed(1)}x)`,
          target: 'suite faster',
          met: ours < pip,
        },
        {
          name: 'pipdeptree --json',
          value:
            pipdeptree === null
              ? 'not installed'
              : `${(pipdeptree * 1000).toFixed(1)} ms (pipdeptree/suite ${(pipdeptree / ours).toFixed(1)}x)`,
        },
      ],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
