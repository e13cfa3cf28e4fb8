import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whereSet } from '../../../src-main/tools/env/env-service.ts';
import { SOURCE_DEPTH_LIMIT, findAssignments } from '../../../src-main/tools/env/where-set.ts';
import { testHome } from '../../support/env-home.ts';

const short = (home: string, found: { file: string; line: number | null }) =>
  `${found.file.replace(home, '~')}:${found.line}`;

/** Lines bash really runs that assign the name, from its own trace (`set -x` with the file and line in PS4). */
function bashTrace(home: string, file: string): string {
  const script = `PS4='+\${BASH_SOURCE}:\${LINENO}: '; set -x; . '${file}'`;
  return spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
    env: { PATH: process.env.PATH ?? '', HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  }).stderr;
}

describe('where finds every assignment form, in files read and sourced', () => {
  it('A=1 && export A, if … then export, export A=1 B=2, and a sourced ~/.cargo/env', async () => {
    const { home, context } = await testHome('bash');
    await mkdir(join(home, '.cargo'));
    await writeFile(
      join(home, '.cargo', 'env'),
      '#!/bin/sh\ncase ":${PATH}:" in *) export SUITE_W="$HOME/.cargo/bin" ;; esac\n',
    );
    await writeFile(
      join(home, '.profile'),
      [
        '# SUITE_W=not-this, a comment',
        'SUITE_W=1 && export SUITE_W',
        'if [ -d /tmp ]; then export SUITE_W=/tmp; fi',
        'export OTHER=1 SUITE_W=2',
        'echo "SUITE_W=inside a string"',
        'SUITE_W=only-for-this-command true',
        '. "$HOME/.cargo/env"',
        '',
      ].join('\n'),
    );
    const result = await whereSet(context, 'SUITE_W');
    expect(result.assignments.map((found) => [short(home, found), found.text])).toEqual([
      ['~/.profile:2', 'SUITE_W=1'],
      ['~/.profile:2', 'export SUITE_W'],
      ['~/.profile:3', 'export SUITE_W=/tmp'],
      ['~/.profile:4', 'export OTHER=1 SUITE_W=2'],
      ['~/.cargo/env:2', 'export SUITE_W="$HOME/.cargo/bin"'],
    ]);
    expect(result.files.map((file) => file.path)).toContain(join(home, '.cargo', 'env'));
    // bash itself runs each of those lines.
    const trace = bashTrace(home, join(home, '.profile'));
    for (const found of result.assignments)
      expect(trace, short(home, found)).toContain(`${found.file}:${found.line}: `);
  });

  it('follows sourced files only to a depth limit, and a file sourcing itself once', async () => {
    const { home, context } = await testHome('bash');
    const chain = Array.from({ length: SOURCE_DEPTH_LIMIT + 3 }, (_, index) =>
      join(home, `chain${index}.sh`),
    );
    await writeFile(join(home, '.profile'), `. ${chain[0]}\n. ~/.profile\n`);
    for (const [index, file] of chain.entries())
      await writeFile(
        file,
        `export SUITE_DEPTH_${index}=1\n${chain[index + 1] ? `. '${chain[index + 1]}'\n` : ''}`,
      );
    const reached = async (index: number) =>
      (await whereSet(context, `SUITE_DEPTH_${index}`)).assignments.length;
    expect(await reached(SOURCE_DEPTH_LIMIT - 1)).toBe(1);
    expect(await reached(SOURCE_DEPTH_LIMIT + 2)).toBe(0);
  });

  it('asks bash and zsh which files they read: files sourced in a loop are found too', async () => {
    const zsh = await testHome('zsh');
    const lib = join(zsh.home, '.oh-my-zsh', 'lib');
    await mkdir(lib, { recursive: true });
    await writeFile(
      join(zsh.home, '.oh-my-zsh', 'oh-my-zsh.sh'),
      'for config_file ("$ZSH"/lib/*.zsh); do\n  source "$config_file"\ndone\n',
    );
    await writeFile(join(lib, 'history.zsh'), 'export SUITE_LOOPED=zsh\n');
    await writeFile(join(zsh.home, '.zshrc'), 'export ZSH="$HOME/.oh-my-zsh"\nsource $ZSH/oh-my-zsh.sh\n');
    const fromZsh = await whereSet(zsh.context, 'SUITE_LOOPED');
    expect(fromZsh.assignments.map((found) => short(zsh.home, found))).toEqual([
      '~/.oh-my-zsh/lib/history.zsh:1',
    ]);
    expect(
      fromZsh.files
        .filter((file) => file.path.startsWith(zsh.home))
        .map((file) => file.path.replace(zsh.home, '~')),
    ).toEqual([
      '~/.zshrc',
      '~/.oh-my-zsh/oh-my-zsh.sh',
      '~/.oh-my-zsh/lib/history.zsh',
      '~/.zshenv',
      '~/.zprofile',
      '~/.zlogin',
    ]);

    const bash = await testHome('bash');
    await cp('/etc/skel', bash.home, { recursive: true });
    await mkdir(join(bash.home, '.bashrc.d'));
    await writeFile(join(bash.home, '.bashrc.d', 'tools.sh'), 'export SUITE_LOOPED=bash\n');
    await writeFile(
      join(bash.home, '.bashrc'),
      `${await readFile(join(bash.home, '.bashrc'), 'utf8')}for f in ~/.bashrc.d/*.sh; do . "$f"; done\n`,
    );
    const fromBash = await whereSet(bash.context, 'SUITE_LOOPED');
    expect(fromBash.assignments.map((found) => short(bash.home, found))).toEqual(['~/.bashrc.d/tools.sh:1']);
  });

  it('never blocks on a sourced device or FIFO, and reads only the start of a huge file', async () => {
    const { home } = await testHome('bash');
    const fifo = join(home, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await writeFile(
      join(home, 'huge.sh'),
      `export SUITE_HUGE=1\n${'# padding\n'.repeat(400_000)}export SUITE_HUGE=2\n`,
    );
    await writeFile(
      join(home, '.profile'),
      `. /dev/zero\n. /dev/stdin\n. ${fifo}\n. ~/huge.sh\nexport SUITE_HUGE=3\n`,
    );
    const { assignments } = await findAssignments('bash', 'SUITE_HUGE', [join(home, '.profile')], {
      HOME: home,
    });
    expect(assignments.map((found) => short(home, found))).toEqual(['~/huge.sh:1', '~/.profile:5']);
  });

  it('reads fish universal variables and fish set forms', async () => {
    const { home, context } = await testHome('fish');
    const config = join(home, '.config', 'fish');
    await mkdir(config, { recursive: true });
    await writeFile(
      join(config, 'fish_variables'),
      '# This file contains fish universal variable definitions.\n# VERSION: 3.0\nSETUVAR __fish_initialized:3400\nSETUVAR --export SUITE_U:caf\\u00e9\\x1e/opt/two\\x20\\x27q\\x27\nSETUVAR fish_user_paths:/opt/bin\n',
    );
    // fish itself reads the universal value as where shows it.
    const fish = execFileSync('fish', ['-c', 'printf "%s|" $SUITE_U'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      encoding: 'utf8',
    });
    expect(fish).toBe("café|/opt/two 'q'|");
    await writeFile(join(config, 'config.fish'), 'set -q SUITE_U; or set -gx SUITE_U x\nset -e SUITE_U\n');
    const result = await whereSet(context, 'SUITE_U');
    expect(result.assignments.map((found) => [short(home, found), found.text])).toEqual([
      ['~/.config/fish/fish_variables:4', "set -Ux SUITE_U 'café' '/opt/two \\'q\\''"],
      ['~/.config/fish/config.fish:1', 'set -gx SUITE_U x'],
      ['~/.config/fish/config.fish:2', 'set -e SUITE_U'],
    ]);
  });

  it('masks secrets in what it shows unless revealed', async () => {
    const { home, context } = await testHome('bash');
    await writeFile(
      join(home, '.profile'),
      'export GITHUB_TOKEN=ghp_secret123\nexport DATABASE_URL="postgres://app:s3cret@db:5432/app"\n',
    );
    const token = await whereSet(context, 'GITHUB_TOKEN');
    expect(token.assignments.map((found) => found.text)).toEqual(['export GITHUB_TOKEN=••••••••']);
    const url = await whereSet(context, 'DATABASE_URL');
    expect(url.assignments.map((found) => found.text)).toEqual([
      'export DATABASE_URL="postgres://app:••••••••@db:5432/app"',
    ]);
    const revealed = await whereSet(context, 'GITHUB_TOKEN', undefined, true);
    expect(revealed.assignments[0]!.text).toBe('export GITHUB_TOKEN=ghp_secret123');
  });
});
