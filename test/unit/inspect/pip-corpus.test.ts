import { execFile, execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectPython } from '../../../src-main/tools/inspect/python/inspect-python.ts';
import { tempDir } from '../../support/temp.ts';

/**
 * Generated site-packages, each put into one real venv and read by pip itself (`pip check`,
 * `pip freeze`) and by the suite: the same conflict lines, the same exit code, the same freeze.
 */
const run = promisify(execFile);
const python = execFileSync('sh', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();

interface Dist {
  name: string;
  version: string;
  requires?: string[];
  extras?: string[];
  /** The metadata folder's name; default `name-version.dist-info`. */
  folder?: string;
  /** egg-info: PKG-INFO plus this requires.txt. */
  requiresTxt?: string;
  directUrl?: string;
  /** Raw METADATA text instead of the generated one. */
  metadata?: string;
}

interface Fixture {
  title: string;
  dists: Dist[] | ((root: string) => Promise<Dist[]>);
  /** Files besides the metadata folders: name → content, in site-packages. */
  files?: Record<string, string> | ((root: string) => Record<string, string>);
}

const d = (name: string, version: string, requires: string[] = [], more: Partial<Dist> = {}): Dist => ({
  name,
  version,
  requires,
  ...more,
});

const FIXTURES: Fixture[] = [
  { title: 'a satisfied chain', dists: [d('app', '1.0', ['lib>=1']), d('lib', '1.2')] },
  { title: 'a missing requirement', dists: [d('app', '1.0', ['lib>=1', 'Other_Thing'])] },
  { title: 'a version conflict', dists: [d('app', '1.0', ['lib>=2,<3']), d('lib', '1.2')] },
  {
    title: 'an installed pre-release is allowed',
    dists: [d('app', '1.0', ['lib>=0.9']), d('lib', '1.0rc1')],
  },
  { title: 'a pre-release of the upper bound', dists: [d('app', '1.0', ['lib<2.0']), d('lib', '2.0rc1')] },
  { title: 'a dev release', dists: [d('app', '1.0', ['lib>=0.5']), d('lib', '1.0.dev1')] },
  { title: 'a post release against >', dists: [d('app', '1.0', ['lib>1.0']), d('lib', '1.0.post1')] },
  { title: 'a local version against ==', dists: [d('app', '1.0', ['lib==1.0']), d('lib', '1.0+ubuntu1')] },
  { title: 'an epoch', dists: [d('app', '1.0', ['lib>=2.0']), d('lib', '1!1.0')] },
  {
    title: 'compatible release',
    dists: [d('app', '1.0', ['lib~=1.4.5', 'other~=2.2']), d('lib', '1.5'), d('other', '2.9')],
  },
  {
    title: 'wildcards and exclusions',
    dists: [d('app', '1.0', ['lib==1.*', 'other!=2.0']), d('lib', '2.0'), d('other', '2.0')],
  },
  {
    title: 'parenthesised specifiers with spaces',
    dists: [d('app', '1.0', ['lib (>= 1.0 , < 1.1)']), d('lib', '1.1')],
  },
  {
    title: 'an invalid version that a specifier meets',
    dists: [d('app', '1.0', ['lib>=0.9']), d('lib', 'latest')],
  },
  {
    title: 'an invalid version nobody constrains',
    dists: [d('app', '1.0', ['lib']), d('lib', 'latest'), d('under', '1.0_1')],
  },
  {
    title: 'markers that hold and do not',
    dists: [
      d('app', '1.0', [
        'tomli ; python_version < "3.11"',
        'needed ; python_version >= "3.8"',
        'colorama ; sys_platform == "win32"',
        "posixonly ; os_name == 'posix' and (platform_system == 'Linux' or platform_system == 'Darwin')",
      ]),
    ],
  },
  {
    title: 'a conflict under a marker, written as pip writes it',
    dists: [d('app', '1.0', ["lib[b,a]>=2 ; python_version>='3.0' and os_name=='posix'"]), d('lib', '1.0')],
  },
  {
    title: 'extras asked for by a dependent are not checked by pip',
    dists: [
      d('app', '1.0', ['requests[socks]>=2']),
      d(
        'requests',
        '2.31.0',
        ['urllib3<3', 'PySocks>=1.5.6 ; extra == "socks"', 'chardet<5 ; extra == "use_chardet"'],
        {
          extras: ['socks', 'use_chardet'],
        },
      ),
      d('urllib3', '2.0.7'),
      d('chardet', '5.2.0'),
    ],
  },
  {
    title: 'a dask-style self-referencing extra',
    dists: [
      d('dask', '2024.1.0', ['numpy>=1.21 ; extra == "array"', 'dask[array] ; extra == "complete"'], {
        extras: ['array', 'complete'],
      }),
      d('user', '1.0', ['dask[complete]']),
      d('numpy', '1.26.0'),
    ],
  },
  {
    title: 'a strongly connected group',
    dists: [d('a', '1.0', ['b']), d('b', '1.0', ['a', 'c']), d('c', '1.0', ['b>=2'])],
  },
  {
    title: 'name normalisation',
    dists: [
      d('App', '1.0', ['foo-bar>=1', 'Zope.Interface']),
      d('Foo_Bar', '1.0'),
      d('zope.interface', '6.0'),
    ],
  },
  {
    title: 'egg-info with requires.txt sections',
    dists: [
      d('old-style', '0.5', [], {
        folder: 'old_style-0.5-py3.11.egg-info',
        requiresTxt:
          'click>=8\n\n[fast]\nujson\n\n[:sys_platform == "linux"]\nurllib3>=9\n\n[tls:python_version >= "3"]\npyopenssl\n',
      }),
      d('click', '7.0'),
      d('urllib3', '2.0'),
    ],
  },
  {
    title: 'egg-info with Requires-Dist ignores requires.txt',
    dists: [
      d('eggy', '1.0', ['present'], { folder: 'eggy-1.0.egg-info', requiresTxt: 'absent\n' }),
      d('present', '1'),
    ],
  },
  {
    title: 'versions spelt loosely',
    dists: [
      d('app', '1.0', ['lib==1.0rc1', 'other>=2']),
      d('lib', '1.0RC1'),
      d('other', 'v2.0'),
      d('third', '1.0-1'),
    ],
  },
  {
    title: 'pip, setuptools and wheel left out of the freeze',
    dists: [d('wheel', '0.41.0'), d('Distribute', '0.7'), d('keep-me', '1.0')],
  },
  {
    title: 'names sorted case-insensitively',
    dists: [d('zeta', '1'), d('Alpha', '1'), d('beta_two', '1'), d('Beta.One', '1'), d('_under', '1')],
  },
  {
    title: 'an editable install (PEP 610)',
    dists: async (root) => {
      await mkdir(join(root, 'proj dir'), { recursive: true });
      return [
        d('proj', '0.1', [], {
          directUrl: JSON.stringify({
            url: pathToFileURL(join(root, 'proj dir')).href,
            dir_info: { editable: true },
          }),
        }),
      ];
    },
  },
  {
    title:
      'editable installs in git checkouts: with a remote, in a subfolder, without a remote, with an unusable one',
    dists: async (root) => {
      const repo = async (dir: string, remote: string | null, project = dir) => {
        await mkdir(project, { recursive: true });
        await writeFile(join(project, 'pyproject.toml'), '[project]\nname = "x"\n');
        const git = (args: string[]) =>
          run('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { timeout: 60_000 });
        await git(['init', '-q']);
        await git(['add', '-A']);
        await git(['commit', '-q', '-m', 'one']);
        if (remote) await git(['remote', 'add', 'origin', remote]);
      };
      await repo(join(root, 'with-remote'), 'https://github.com/example/with-remote.git');
      await repo(
        join(root, 'mono'),
        'git@github.com:example/mono.git',
        join(root, 'mono', 'packages', 'sub'),
      );
      await repo(join(root, 'no-remote'), null);
      await repo(join(root, 'bad-remote'), 'relative/path/nowhere');
      const editable = (name: string, path: string) =>
        d(name, '0.1', [], {
          directUrl: JSON.stringify({ url: pathToFileURL(path).href, dir_info: { editable: true } }),
        });
      return [
        editable('with-remote', join(root, 'with-remote')),
        editable('sub-pkg', join(root, 'mono', 'packages', 'sub')),
        editable('no-remote', join(root, 'no-remote')),
        editable('bad-remote', join(root, 'bad-remote')),
      ];
    },
  },
  {
    title: 'a local wheel with its hash, a local folder, a subdirectory',
    dists: [
      d('wheelpkg', '1.0', [], {
        directUrl: JSON.stringify({
          url: 'file:///tmp/wheels/wheelpkg-1.0-py3-none-any.whl',
          archive_info: { hash: 'sha256=abc123' },
        }),
      }),
      d('folderpkg', '2.0', [], {
        directUrl: JSON.stringify({ url: 'file:///tmp/src/folderpkg', dir_info: {} }),
      }),
      d('subpkg', '3.0', [], {
        directUrl: JSON.stringify({
          url: 'https://example.com/repo.tar.gz',
          archive_info: {},
          subdirectory: 'python',
        }),
      }),
    ],
  },
  {
    title: 'a VCS install',
    dists: [
      d('vcspkg', '1.0', [], {
        directUrl: JSON.stringify({
          url: 'https://github.com/example/vcspkg.git',
          vcs_info: {
            vcs: 'git',
            commit_id: '0123456789abcdef0123456789abcdef01234567',
            requested_revision: 'main',
          },
        }),
      }),
    ],
  },
  {
    title: 'direct_url.json that pip ignores',
    dists: [
      d('garbage', '1.0', [], { directUrl: '{not json' }),
      d('twoinfos', '1.0', [], {
        directUrl: JSON.stringify({ url: 'file:///x', dir_info: {}, archive_info: {} }),
      }),
      d('nourl', '1.0', [], { directUrl: JSON.stringify({ dir_info: {} }) }),
    ],
  },
  {
    title: 'a setup.py develop install (egg-link)',
    dists: async (root) => {
      const project = join(root, 'develop-proj');
      await mkdir(join(project, 'devpkg.egg-info'), { recursive: true });
      await writeFile(
        join(project, 'devpkg.egg-info', 'PKG-INFO'),
        'Metadata-Version: 1.1\nName: devpkg\nVersion: 0.3\n',
      );
      return [];
    },
    files: (root) => ({
      'devpkg.egg-link': `${join(root, 'develop-proj')}\n.\n`,
      'easy-install.pth': `${join(root, 'develop-proj')}\n`,
    }),
  },
  {
    title: 'metadata without a name is skipped, a requirement pip cannot read fails the check',
    dists: [
      d('nameless', '1.0', [], { metadata: 'Metadata-Version: 2.1\nVersion: 1.0\n' }),
      d('badreq', '1.0', ['this is not ( a requirement']),
      d('needs-bad', '1.0', ['badreq>=1']),
    ],
  },
  {
    title: 'two dist-info folders of one project',
    dists: [d('twice', '1.0'), d('twice', '2.0'), d('app', '1.0', ['twice>=2'])],
  },
  {
    title: 'a direct reference requirement',
    dists: [
      d('app', '1.0', ['lib @ https://example.com/lib-1.0.whl', 'gone @ file:///nowhere/gone.whl']),
      d('lib', '1.0'),
    ],
  },
  {
    title: 'odd header spacing and folded summary',
    dists: [
      d('spaced', '1.0', [], {
        metadata:
          'Metadata-Version: 2.1\nName:   spaced  \nVersion:  1.0\nSummary: one\n  two\nRequires-Dist:   lib >= 3\n\nbody\n',
      }),
      d('lib', '2.5'),
    ],
  },
  {
    title: 'pip check files a distribution under its folder name, a later folder replacing an earlier one',
    dists: [
      d('Foo', '1.0', [], { folder: 'Foo-1.0.dist-info' }),
      d('foo', '2.0', [], { folder: 'foo-2.0.dist-info' }),
      d('x', '1', ['foo>=2', 'renamed>=1', 'real-name>=1']),
      d('real-name', '0.5', ['gone'], { folder: 'renamed-0.5.dist-info' }),
    ],
  },
  {
    title: 'markers: outer parentheses, legacy aliases, undefined comparisons, PEP 440 only when it reads',
    dists: [
      d('a', '1.0', [
        'b>=2; (python_version >= "3.0")',
        'c>=2 ; ((os_name == "posix")) and (sys_platform == "linux" or os_name == "nt")',
        'd>=2; python_implementation == "CPython"',
        'e>=2; platform_release >= "1.0" and platform_machine != "x"',
        'f>=2; "3.6" < python_version',
      ]),
      d('b', '1.0'),
      d('c', '1.0'),
      d('d', '1.0'),
      d('e', '1.0'),
      d('f', '1.0'),
      d('bad-var', '1.0', ['b; platform.release != "x"']),
      d('bad-op', '1.0', ['b; python_version ~= "3"']),
      d('needs', '1.0', ['bad-var>=2', 'bad-op>=2']),
    ],
  },
  {
    title: 'specifiers as pip 23.2 parses them: errors, legacy specifiers, odd spacing',
    dists: [
      d('tilde', '1.0', ['b~=1']),
      d('dash', '1.0', ['b-']),
      d('spaced-identity', '1.0', ['b===foo bar']),
      d('trailing-extra', '1.0', ['c[x,]>=2']),
      d('legacy', '1.0', ['b>=abc', 'c>=1.0.*', 'c<=0.9.*', 'e==latest', 'f===LATEST']),
      d('fine', '1.0', ['b (>= 0.1 , < 5)', 'c[y , x ]>=3', 'e>=1.0']),
      d('b', '1.0'),
      d('c', '2.0'),
      d('e', 'latest'),
      d('f', 'latest'),
    ],
  },
  {
    title: 'versions pip normalises for freeze, local parts with - and _',
    dists: [
      '1.0+Ubuntu-1',
      '1.0+a_B.007',
      '0001!02.0',
      'v1.0',
      '1.0-r1',
      '1.0.0-RC1',
      ' 1.0 ',
      '1.0-dev-1',
    ].map((version, index) => d(`p${index}`, version)),
  },
  {
    title: 'a malformed header line ends the headers; an unpacked egg on sys.path; CRLF and folded lines',
    dists: async (root) => {
      await mkdir(join(root, 'Eggd-1.0-py3.11.egg', 'EGG-INFO'), { recursive: true });
      await writeFile(
        join(root, 'Eggd-1.0-py3.11.egg', 'EGG-INFO', 'PKG-INFO'),
        'Metadata-Version: 1.1\nName: Eggd\nVersion: 1.0\n',
      );
      return [
        d('x', '1', ['eggd>=2', 'nocolon>=2', 'uu']),
        d('nocolon', '1.0', [], {
          metadata:
            'Metadata-Version: 2.1\nName: nocolon\nVersion: 1.0\nthis line is junk\nRequires-Dist: uu\n',
        }),
        d('noname-header', '1.0', [], {
          metadata:
            'Metadata-Version: 2.1\n: nameless\nName: noname-header\nVersion: 1.0\nRequires-Dist: vv\n',
        }),
        d('crlf', '1.0', [], {
          metadata:
            'Metadata-Version: 2.1\r\nName: crlf\r\nVersion: 1.0\r\nRequires-Dist: zzz\r\n\r\nbody\r\n',
        }),
        d('folded', '1.0', [], {
          metadata:
            'Metadata-Version: 2.1\nName: folded\nVersion: 1.0\nRequires-Dist: ww\n  >=2\nRequires-Dist: vv\n',
        }),
      ];
    },
    files: (root) => ({ 'eggs.pth': `${join(root, 'Eggd-1.0-py3.11.egg')}\n` }),
  },
  {
    title: 'direct_url.json validated as pip 23.2 validates it',
    dists: [
      ['a', { url: 'file:///tmp/a.whl', archive_info: {}, dir_info: null }],
      ['b', { url: 'file:///tmp/b', dir_info: { editable: null } }],
      ['c', { url: 'file:///tmp/c.whl', archive_info: { hash: 'nohash' } }],
      ['d', { url: 'https://g/x.git', vcs_info: { vcs: 'git', commit_id: 'abc', requested_revision: 5 } }],
      ['e', { url: 'file:///tmp/e.whl', subdirectory: null, archive_info: { hash: 'sha256=00' } }],
      ['f', { url: 'file:///tmp/f.whl', archive_info: { hashes: 'x' } }],
      ['g', { url: 'file:///tmp/g.whl', archive_info: { hashes: { sha256: '11' } } }],
      ['k', { url: 'https://x/k.tar.gz', archive_info: { hash: 'sha256=22' }, subdirectory: '' }],
      ['l', { url: 'file:///tmp/l', dir_info: {} }],
      [
        'm',
        { url: 'file:///tmp/m', dir_info: { editable: false }, vcs_info: { vcs: 'git', commit_id: 'a' } },
      ],
    ].map(([name, json]) => d(name as string, '1.0', [], { directUrl: JSON.stringify(json) })),
  },
  {
    title:
      'an egg-link to a folder off sys.path, Subversion and Bazaar editables, a Name with a trailing blank',
    dists: async (root) => {
      await mkdir(join(root, 'eggproj', 'Eggy.egg-info'), { recursive: true });
      await writeFile(
        join(root, 'eggproj', 'Eggy.egg-info', 'PKG-INFO'),
        'Metadata-Version: 2.1\nName: Eggy\nVersion: 1.0\n',
      );
      await mkdir(join(root, 'svnproj', '.svn'), { recursive: true });
      await mkdir(join(root, 'bzrproj', '.bzr'), { recursive: true });
      const editable = (dir: string) =>
        JSON.stringify({ url: pathToFileURL(join(root, dir)).href, dir_info: { editable: true } });
      return [
        d('s', '1.0', [], { directUrl: editable('svnproj') }),
        d('z', '1.0', [], { directUrl: editable('bzrproj') }),
        d('Trail ', '1.0', [], { folder: 'Trail -1.0.dist-info' }),
        d('user', '1.0', ['eggy>=2', 'trail']),
      ];
    },
    files: (root) => ({ 'Eggy.egg-link': `${join(root, 'eggproj')}\n.\n` }),
  },
  {
    title: 'pip check lines in its own order',
    dists: [
      d('a', '1.0', ['zz', 'b>=2', 'aa', 'B_x>=3', 'b.x<0', 'c>=5']),
      d('b', '1.0'),
      d('b-x', '1.0', [], { folder: 'b_x-1.0.dist-info' }),
      d('c', '1.0'),
      d('Zed', '1.0', ['nope']),
    ],
  },
];

function metadataText(dist: Dist): string {
  return [
    'Metadata-Version: 2.1',
    `Name: ${dist.name}`,
    `Version: ${dist.version}`,
    ...(dist.extras ?? []).map((extra) => `Provides-Extra: ${extra}`),
    ...(dist.requires ?? []).map((requirement) => `Requires-Dist: ${requirement}`),
    '',
    'Description.',
  ].join('\n');
}

async function writeDist(site: string, dist: Dist): Promise<void> {
  const folder = join(site, dist.folder ?? `${dist.name.replace(/-/g, '_')}-${dist.version}.dist-info`);
  await mkdir(folder, { recursive: true });
  if (dist.requiresTxt !== undefined) {
    const head = `Metadata-Version: 1.1\nName: ${dist.name}\nVersion: ${dist.version}\n`;
    const requires = (dist.requires ?? []).map((requirement) => `Requires-Dist: ${requirement}\n`).join('');
    await writeFile(join(folder, 'PKG-INFO'), head + requires);
    await writeFile(join(folder, 'requires.txt'), dist.requiresTxt);
  } else {
    await writeFile(join(folder, 'METADATA'), dist.metadata ?? metadataText(dist));
  }
  if (dist.directUrl !== undefined) await writeFile(join(folder, 'direct_url.json'), dist.directUrl);
}

/** pip's exit code and output, without throwing on exit 1. */
async function pip(venv: string, args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(
      join(venv, 'bin', 'python'),
      ['-m', 'pip', ...args, '--disable-pip-version-check'],
      {
        timeout: 120_000,
      },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string };
    return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '' };
  }
}

describe('a corpus of site-packages, compared with pip check and pip freeze of a real venv', () => {
  let root: string;
  let venv: string;
  let site: string;
  let pristine: Set<string>;
  beforeAll(async () => {
    root = await tempDir('pip-corpus');
    venv = join(root, 'venv');
    await run(python, ['-m', 'venv', venv], { timeout: 180_000 });
    const { stdout } = await run(join(venv, 'bin', 'python'), [
      '-c',
      'import sysconfig; print(sysconfig.get_paths()["purelib"])',
    ]);
    site = stdout.trim();
    pristine = new Set(await readdir(site));
  }, 200_000);

  it('has at least 30 shapes', () => expect(FIXTURES.length).toBeGreaterThanOrEqual(30));

  for (const [index, fixture] of FIXTURES.entries()) {
    it(`${index + 1}: ${fixture.title}`, async () => {
      for (const entry of await readdir(site))
        if (!pristine.has(entry)) await rm(join(site, entry), { recursive: true, force: true });
      const scratch = join(root, `fixture-${index}`);
      await mkdir(scratch, { recursive: true });
      const dists = typeof fixture.dists === 'function' ? await fixture.dists(scratch) : fixture.dists;
      for (const dist of dists) await writeDist(site, dist);
      const files = typeof fixture.files === 'function' ? fixture.files(scratch) : (fixture.files ?? {});
      for (const [name, content] of Object.entries(files)) await writeFile(join(site, name), content);

      const [check, frozen, frozenAll, ours, oursAll] = await Promise.all([
        pip(venv, ['check']),
        pip(venv, ['freeze']),
        pip(venv, ['freeze', '--all']),
        inspectPython(venv),
        inspectPython(venv, { freezeAll: true }),
      ]);
      const pipLines = check.stdout
        .split('\n')
        .filter((line) => line && line !== 'No broken requirements found.');
      const ourLines = ours.conflicts
        .filter((conflict) => conflict.extra === null)
        .map((conflict) => conflict.message);
      expect(ourLines).toEqual(pipLines);
      expect(ours.flagged ? 1 : 0).toBe(check.code);
      expect(ours.requirementsTxt).toBe(frozen.stdout);
      expect(oursAll.requirementsTxt).toBe(frozenAll.stdout);
    }, 120_000);
  }
});
