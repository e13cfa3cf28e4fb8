import { spawn } from 'node:child_process';
import { chmod, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIREMENTS } from '../../scripts/system-requirements.ts';
import type { CliRun } from '../support/cli.ts';
import { repoRoot } from '../support/paths.ts';
import { tempDir } from '../support/temp.ts';

const preflight = join(repoRoot, 'scripts/preflight.ts');
const programs = REQUIREMENTS.map((requirement) => requirement.needs).filter(
  (needs) => !needs.startsWith('/'),
);

/** A PATH of one folder holding links to the machine's real programs, except those left out. */
async function pathWithout(leftOut: string[]): Promise<string> {
  const bin = await tempDir('preflight-bin');
  for (const program of programs.filter((name) => !leftOut.includes(name))) {
    const real = await which(program);
    await symlink(real, join(bin, program));
  }
  return bin;
}

async function which(program: string): Promise<string> {
  const run = await runPreflightWith('/bin/sh', ['-c', `command -v ${program}`], process.env);
  return run.stdout.trim();
}

function runPreflightWith(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const runPreflight = (env: NodeJS.ProcessEnv) => runPreflightWith(process.execPath, [preflight], env);

describe('npm test preflight', () => {
  it('says nothing and passes when every program is there', async () => {
    const run = await runPreflight({ PATH: await pathWithout([]), CI: 'false' });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('names the missing programs and the one command that installs them, and stops', async () => {
    // No apt-get on this PATH: even as root it cannot install, so it must say what to do.
    const run = await runPreflight({ PATH: await pathWithout(['zsh', 'xxhsum', 'cc']), CI: 'false' });
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe('The tests need programs this machine lacks: zsh, xxhsum, cc.');
    expect(lines.slice(1, 3)).toEqual([
      'Install them with:',
      '  sudo apt-get install -y --no-install-recommends zsh xxhash gcc',
    ]);
  });

  it('on CI installs the missing packages with apt-get itself, then passes', async () => {
    const bin = await pathWithout(['fish', 'b3sum']);
    const log = join(bin, 'apt-get.log');
    // Stand-ins for apt-get (which "installs" by linking the real programs) and sudo.
    await writeFile(
      join(bin, 'apt-get'),
      `#!/bin/sh\necho "$*" >> '${log}'\n` +
        `case "$1" in install) /bin/ln -s '${await which('fish')}' '${bin}/fish'; /bin/ln -s '${await which('b3sum')}' '${bin}/b3sum';; esac\n`,
    );
    await writeFile(join(bin, 'sudo'), '#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n');
    await chmod(join(bin, 'apt-get'), 0o755);
    await chmod(join(bin, 'sudo'), 0o755);
    const run = await runPreflight({ PATH: bin, CI: 'true' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await readFile(log, 'utf8')).split('\n')).toEqual([
      'update -qq',
      'install -y -qq --no-install-recommends fish b3sum',
      '',
    ]);
  });
});
