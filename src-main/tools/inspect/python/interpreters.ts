import { constants } from 'node:fs';
import { access, readdir, realpath, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { PythonInterpreter } from '../../../contract/inspect.ts';
import { SuiteError } from '../../../core/suite-error.ts';
import { runCommand } from '../run-command.ts';

const windows = process.platform === 'win32';

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The version an interpreter reports, or null when it does not run (a pyenv shim of an unselected version). */
async function version(path: string): Promise<string | null> {
  const result = await runCommand(path, ['--version'], 5000).catch(() => null);
  if (result?.code !== 0) return null;
  return /^Python (\d+\.\d+\S*)/m.exec(`${result.stdout}${result.stderr}`)?.[1] ?? null;
}

/** Interpreters on PATH (python3, python, python3.X), pyenv's, and the Windows py launcher's. */
export async function findInterpreters(env: NodeJS.ProcessEnv = process.env): Promise<PythonInterpreter[]> {
  const candidates: { path: string; foundVia: string }[] = [];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((entry) => /^python(3(\.\d+)?)?(\.exe)?$/.test(entry)).sort()) {
      candidates.push({ path: join(dir, name), foundVia: `PATH (${dir})` });
    }
  }
  const pyenvRoot = env.PYENV_ROOT ?? join(env.HOME ?? '', '.pyenv');
  for (const name of (await readdir(join(pyenvRoot, 'versions')).catch(() => [] as string[])).sort()) {
    candidates.push({ path: join(pyenvRoot, 'versions', name, 'bin', 'python'), foundVia: 'pyenv' });
  }
  if (windows) {
    const launcher = await runCommand('py', ['-0p'], 5000).catch(() => null);
    for (const line of launcher?.stdout.split('\n') ?? []) {
      const path = /(\S:\\.*python\.exe)\s*$/i.exec(line)?.[1];
      if (path) candidates.push({ path, foundVia: 'py launcher' });
    }
  }
  const seen = new Set<string>();
  const found: PythonInterpreter[] = [];
  for (const candidate of candidates) {
    if (!(await executable(candidate.path))) continue;
    const real = await realpath(candidate.path).catch(() => candidate.path);
    // pyenv's shims are scripts that pick an interpreter: keep them, they are what a shell runs.
    if (seen.has(real)) continue;
    seen.add(real);
    const reported = await version(candidate.path);
    if (reported) found.push({ path: candidate.path, version: reported, foundVia: candidate.foundVia });
  }
  return found;
}

/** A path the user gave: an interpreter, or a virtual environment's folder. */
export async function interpreterFromChoice(choice: string): Promise<string> {
  const info = await stat(choice).catch(() => null);
  if (!info) throw new SuiteError('NOT_FOUND', `${choice} does not exist.`);
  if (info.isDirectory()) {
    const inside = windows ? join(choice, 'Scripts', 'python.exe') : join(choice, 'bin', 'python');
    if (await executable(inside)) return inside;
    throw new SuiteError(
      'BAD_INPUT',
      `${choice} is a folder without ${windows ? 'Scripts\\python.exe' : 'bin/python'}; choose an interpreter or a virtual environment.`,
    );
  }
  if (!(await executable(choice))) throw new SuiteError('PERMISSION', `${choice} is not executable.`);
  return choice;
}
