import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeInterpreter } from '../../src-main/tools/inspect/python/inspect-python.ts';
import { scanSitePackages } from '../../src-main/tools/inspect/python/metadata.ts';
import { freezeLine } from '../../src-main/tools/inspect/python/freeze.ts';
import { resolveDistributions } from '../../src-main/tools/inspect/python/resolve.ts';
import { toDot, toMermaid } from '../../src-main/tools/inspect/python/why.ts';
import { inspectLinkage } from '../../src-main/tools/inspect/linkage/inspect-linkage.ts';
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

/** Distributions: read, resolved, conflicts, cycles, pip freeze lines, graph exports. A fresh folder each round. */
async function benchDistributions(python: string): Promise<void> {
  const { env } = await probeInterpreter(python);
  const times: number[] = [];
  const sites: string[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const root = mkdtempSync(join(tmpdir(), 'suite-bench-site-'));
      sites.push(root);
      const site = makeSitePackages(root);
      const started = performance.now();
      const scan = await scanSitePackages([site]);
      const resolution = resolveDistributions(scan.distributions, env);
      resolution.distributions.forEach(
        (d, index) => (d.freezeLine = freezeLine(resolution.raws[index]!, d.version, d.validVersion)),
      );
      toMermaid(resolution.distributions);
      toDot(resolution.distributions);
      times.push(performance.now() - started);
      if (resolution.distributions.length !== COUNT)
        throw new Error(`read ${resolution.distributions.length} distributions, expected ${COUNT}`);
    }
    const ours = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]! / 1000;
    const site = join(sites[0]!, 'site-packages');
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
    printTable(
      `System Inspect: a site-packages of ${COUNT} distributions read and resolved; median of ${RUNS}, a fresh folder each (${machine()})`,
      [
        {
          name: 'suite: read metadata, markers, tree, conflicts, cycles, freeze lines, Mermaid and DOT',
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
      ],
    );
  } finally {
    for (const root of sites) rmSync(root, { recursive: true, force: true });
  }
}

const PROGRAMS = 100;

/** ldd's answer for one program: name → path or null (not found). */
function ldd(path: string): Map<string, string | null> {
  const out = execFileSync('ldd', [path], { encoding: 'utf8', env: { ...process.env, LD_LIBRARY_PATH: '' } });
  const map = new Map<string, string | null>();
  for (const line of out.split('\n')) {
    const match = /^\s*(\S+) => (?:not found|(\S+) \(0x[0-9a-f]+\))/.exec(line);
    if (match) map.set(match[1]!, match[2] ?? null);
  }
  return map;
}

/** Linkage of 100 programs (one compiled with cc, copied to fresh names each round), against ldd on each. */
async function benchLinkage(): Promise<void> {
  if (process.platform !== 'linux') return;
  const root = mkdtempSync(join(tmpdir(), 'suite-bench-linkage-'));
  try {
    writeFileSync(
      join(root, 'main.c'),
      '#include <openssl/ssl.h>\nint main(void) { return OPENSSL_init_ssl(0, NULL) ? 0 : 1; }\n',
    );
    const program = join(root, 'app');
    execFileSync('cc', [join(root, 'main.c'), '-o', program, '-lssl', '-lcrypto', `-Wl,-rpath,${root}/lib`]);
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < RUNS; round++) {
      const dir = join(root, `round-${round}`);
      mkdirSync(dir);
      const programs = Array.from({ length: PROGRAMS }, (_, i) => join(dir, `app-${i}`));
      for (const path of programs) copyFileSync(program, path);
      const env = { ...process.env, LD_LIBRARY_PATH: '' };
      let started = performance.now();
      const report = await inspectLinkage(programs, env);
      ours.push(performance.now() - started);
      started = performance.now();
      const reference = programs.map(ldd);
      theirs.push(performance.now() - started);
      report.subjects.forEach((subject, index) => {
        const mine = new Map(
          subject.libraries
            .filter((library) => library.via !== 'the program interpreter (PT_INTERP)')
            .map((library) => [library.name, library.resolvedPath]),
        );
        if (JSON.stringify([...mine].sort()) !== JSON.stringify([...reference[index]!].sort()))
          throw new Error(`${subject.target}: the suite and ldd disagree`);
      });
    }
    const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]! / 1000;
    const suite = mid(ours);
    const reference = mid(theirs);
    printTable(
      `System Inspect: linkage of ${PROGRAMS} programs, answers equal to ldd's; median of ${RUNS} (${machine()})`,
      [
        {
          name: 'suite: inspect linkage (ELF parsed in TypeScript)',
          value: `${(suite * 1000).toFixed(1)} ms`,
          target: '< 1 s',
          met: suite < 1,
        },
        {
          name: `ldd, once per program`,
          value: `${(reference * 1000).toFixed(1)} ms (ldd/suite ${(reference / suite).toFixed(1)}x)`,
        },
      ],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchInspect(): Promise<void> {
  const python = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();
  await benchDistributions(python);
  await benchLinkage();
}
