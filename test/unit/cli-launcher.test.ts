/**
 * scripts/devutil.js runs the CLI built beside the app when that build is current, else the sources.
 * Tested on a copy of the launcher in a folder of its own, with stand-ins that say which one ran.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';
import { tempDir } from '../support/temp.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

async function launcherCopy(): Promise<{ root: string; run: () => { stdout: string; stderr: string } }> {
  const root = await tempDir('launcher');
  await mkdir(join(root, 'scripts'));
  for (const name of ['devutil.js', 'build-freshness.js']) {
    await copyFile(join(repoRoot, 'scripts', name), join(root, 'scripts', name));
  }
  await mkdir(join(root, 'src-main/cli'), { recursive: true });
  await writeFile(join(root, 'src-main/cli/main.ts'), "process.stdout.write('source\\n');\n");
  await writeFile(join(root, 'package.json'), '{"type":"module"}\n');
  await writeFile(join(root, 'package-lock.json'), '{}\n');
  await writeFile(join(root, 'electron.config.ts'), '\n');
  await mkdir(join(root, 'out/main'), { recursive: true });
  await writeFile(join(root, 'out/main/cli.js'), "process.stdout.write('built\\n');\n");
  await writeFile(join(root, 'out/main/package.json'), '{"type":"module"}\n');
  // Sources from long ago, so that a stamp written now is newer whatever the clock's resolution.
  for (const source of [
    'src-main/cli/main.ts',
    'src-main/cli',
    'src-main',
    'package.json',
    'package-lock.json',
    'electron.config.ts',
  ]) {
    await utimes(join(root, source), at(0), at(0));
  }
  const run = () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts/devutil.js')], { encoding: 'utf8' });
    return { stdout: result.stdout, stderr: result.stderr };
  };
  return { root, run };
}

describe('the CLI launcher', () => {
  it('runs the build when it is newer than every source, else the sources', async () => {
    const { root, run } = await launcherCopy();
    expect(run().stdout, 'no build stamp').toBe('source\n');
    await writeFile(join(root, 'out/built'), 'stamp\n');
    expect(run().stdout).toBe('built\n');
    await writeFile(join(root, 'src-main/cli/main.ts'), "process.stdout.write('source\\n');\n");
    expect(run().stdout, 'a source edited after the build').toBe('source\n');
  });

  it('runs the sources when a source file was deleted after the build (its folder changed)', async () => {
    const { root, run } = await launcherCopy();
    await writeFile(join(root, 'src-main/cli/gone.ts'), '\n');
    await utimes(join(root, 'src-main/cli/gone.ts'), at(0), at(0));
    await utimes(join(root, 'src-main/cli'), at(0), at(0));
    await writeFile(join(root, 'out/built'), 'stamp\n');
    expect(run().stdout).toBe('built\n');
    await rm(join(root, 'src-main/cli/gone.ts'));
    expect(run().stdout, 'a source deleted after the build').toBe('source\n');
  });

  it('falls back to the sources when the build is cut short (a module missing), and says nothing', async () => {
    const { root, run } = await launcherCopy();
    await writeFile(
      join(root, 'out/main/cli.js'),
      "import './chunk-gone.js';\nprocess.stdout.write('built\\n');\n",
    );
    await writeFile(join(root, 'out/built'), 'stamp\n');
    expect(run()).toEqual({ stdout: 'source\n', stderr: '' });
  });

  it('lets any other failure of the build through', async () => {
    const { root, run } = await launcherCopy();
    await writeFile(join(root, 'out/main/cli.js'), "throw new Error('broken build');\n");
    await writeFile(join(root, 'out/built'), 'stamp\n');
    expect(run()).toMatchObject({ stdout: '', stderr: expect.stringContaining('broken build') });
  });
});
