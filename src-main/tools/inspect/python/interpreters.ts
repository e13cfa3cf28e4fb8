import { constants } from 'node:fs';
import { access, mkdir, readFile, readdir, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { PythonInterpreter } from '../../../contract/inspect.ts';
import { SuiteError } from '../../../core/suite-error.ts';
import { runCommand } from '../run-command.ts';

const windows = process.platform === 'win32';
/** Each candidate gets this long to say its version; they all run at once. */
const CANDIDATE_LIMIT_MS = 800;

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The version an interpreter reports, or why there is none (a pyenv shim of an unselected version). */
async function askVersion(
  path: string,
  signal?: AbortSignal,
): Promise<{ version: string | null; error: string | null; timedOut?: boolean }> {
  try {
    const result = await runCommand(path, ['--version'], CANDIDATE_LIMIT_MS, process.env, signal);
    const version = /^Python (\d+\.\d+\S*)/m.exec(`${result.stdout}${result.stderr}`)?.[1] ?? null;
    if (result.code === 0 && version) return { version, error: null };
    return { version: null, error: `exited with status ${result.code} without a version` };
  } catch (error) {
    return { version: null, error: (error as Error).message, timedOut: true };
  }
}

interface Candidate {
  path: string;
  foundVia: string;
}

/** python, python3 and python3.X on PATH, pyenv's versions, and the Windows py launcher's list. */
async function candidates(env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<Candidate[]> {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const pyenvRoot = env.PYENV_ROOT ?? join(env.HOME ?? homedir(), '.pyenv');
  const [onPath, pyenv, launcher] = await Promise.all([
    Promise.all(
      dirs.map(async (dir) =>
        (await readdir(dir).catch(() => [] as string[]))
          .filter((entry) => /^python(3(\.\d+)?)?(\.exe)?$/.test(entry))
          .sort()
          .map((name) => ({ path: join(dir, name), foundVia: `PATH (${dir})` })),
      ),
    ),
    readdir(join(pyenvRoot, 'versions')).then(
      (names) =>
        names
          .sort()
          .map((name) => ({ path: join(pyenvRoot, 'versions', name, 'bin', 'python'), foundVia: 'pyenv' })),
      () => [] as Candidate[],
    ),
    windows ? runCommand('py', ['-0p'], CANDIDATE_LIMIT_MS, env, signal).catch(() => null) : null,
  ]);
  const fromLauncher = (launcher?.stdout.split('\n') ?? [])
    .map((line) => /(\S:\\.*python\.exe)\s*$/i.exec(line)?.[1])
    .filter((path): path is string => path !== undefined)
    .map((path) => ({ path, foundVia: 'py launcher' }));
  return [...onPath.flat(), ...pyenv, ...fromLauncher];
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  /** null: it runs but gives no version (a pyenv shim of a version not selected). */
  version: string | null;
}

function cacheFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache');
  return join(base, 'devutil-suite', 'python-interpreters.json');
}

async function readCache(file: string): Promise<Record<string, CacheEntry>> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return typeof data === 'object' && data !== null ? (data as Record<string, CacheEntry>) : {};
  } catch {
    return {};
  }
}

/** The cache is a convenience: a write that fails (read-only home) only costs the next start. */
async function writeCache(file: string, cache: Record<string, CacheEntry>): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(cache));
    await rename(temporary, file);
  } catch {
    // Not cached this time.
  }
}

export interface FindOptions {
  signal?: AbortSignal;
  /** Only what the cache knows: no interpreter is started (when the user already named one). */
  cachedOnly?: boolean;
}

/**
 * Interpreters on PATH, pyenv's and the py launcher's, asked for their version all at once with a
 * time limit each. Versions are cached by the path with the target's modification time and size,
 * so a second start asks only what changed.
 */
export async function findInterpreters(
  env: NodeJS.ProcessEnv = process.env,
  options: FindOptions = {},
): Promise<PythonInterpreter[]> {
  const file = cacheFile(env);
  const [found, cache] = await Promise.all([candidates(env, options.signal), readCache(file)]);
  const described = await Promise.all(
    found.map(async (candidate) => {
      if (!(await executable(candidate.path))) return null;
      const real = await realpath(candidate.path).catch(() => candidate.path);
      const info = await stat(real).catch(() => null);
      if (!info) return null;
      const cached = cache[candidate.path];
      const fresh = cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size;
      const answer = fresh
        ? { version: cached.version, error: null, timedOut: false }
        : options.cachedOnly
          ? null
          : await askVersion(candidate.path, options.signal);
      // A time-out says nothing about the binary: asked again next time.
      if (answer && !answer.timedOut)
        cache[candidate.path] = { mtimeMs: info.mtimeMs, size: info.size, version: answer.version };
      // One that runs without a version (pyenv's shim of an unselected version) is left out.
      return answer && (answer.version || answer.timedOut) ? { candidate, real, ...answer } : null;
    }),
  );
  if (!options.cachedOnly) await writeCache(file, cache);
  // One entry per real file; pyenv's shims are scripts that pick an interpreter, so they stay.
  const seen = new Set<string>();
  const interpreters: PythonInterpreter[] = [];
  for (const entry of described) {
    if (!entry || seen.has(entry.real)) continue;
    seen.add(entry.real);
    const { path, foundVia } = entry.candidate;
    interpreters.push({ path, version: entry.version, foundVia, error: entry.error });
  }
  return interpreters;
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
