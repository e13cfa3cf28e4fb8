import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCommand } from '../run-command.ts';

const GIT_LIMIT_MS = 5000;

async function git(
  cwd: string,
  args: string[],
  signal?: AbortSignal,
): Promise<{ code: number | null; out: string }> {
  const result = await runCommand('git', ['-C', cwd, ...args], GIT_LIMIT_MS, process.env, signal);
  return { code: result.code, out: result.stdout };
}

/** Where the Python project sits, relative to the repository's root (pip's subdirectory=), or null at the root. */
function projectSubdirectory(location: string, repoRoot: string): string | null {
  let dir = location;
  const installable = (path: string) =>
    existsSync(join(path, 'pyproject.toml')) || existsSync(join(path, 'setup.py'));
  while (!installable(dir)) {
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  const same = (() => {
    try {
      const a = statSync(dir);
      const b = statSync(repoRoot);
      return a.ino === b.ino && a.dev === b.dev;
    } catch {
      return false;
    }
  })();
  return same ? null : relative(repoRoot, dir);
}

/** A remote as pip accepts it: URLs as they are, a local bare repository as file://, scp-like as ssh://. */
function remoteToPipUrl(url: string): string | null {
  if (/^\w+:\/\//.test(url)) return url;
  if (isAbsolute(url) && existsSync(url)) return pathToFileURL(url).href;
  const scp = /^(\w+@)?([^/:]+):(\w[^:]*)$/.exec(url);
  if (scp) return `ssh://${scp[1] ?? ''}${scp[2]}/${scp[3]}`;
  return null;
}

/**
 * The lines `pip freeze` writes for an editable install inside a git checkout, asking git as pip
 * does: `-e git+REMOTE@COMMIT#egg=NAME[&subdirectory=…]`, or pip's comment when there is no usable
 * remote. null when the folder is in no git work tree (or git is not installed): pip then writes
 * "Editable install with no version control".
 */
export async function gitEditableLines(
  location: string,
  rawName: string,
  pinned: string,
  signal?: AbortSignal,
): Promise<string | null> {
  let top;
  try {
    top = existsSync(join(location, '.git'))
      ? { code: 0, out: location }
      : await git(location, ['rev-parse', '--show-toplevel'], signal);
  } catch {
    return null;
  }
  if (top.code !== 0) return null;
  try {
    const remotes = (await git(location, ['config', '--get-regexp', 'remote\\..*\\.url'], signal)).out
      .split('\n')
      .filter(Boolean);
    if (remotes.length === 0) return `# Editable Git install with no remote (${pinned})\n-e ${location}`;
    const chosen = remotes.find((line) => line.startsWith('remote.origin.url ')) ?? remotes[0]!;
    const url = chosen.split(' ')[1]!.trim();
    const pipUrl = remoteToPipUrl(url);
    if (!pipUrl)
      return `# Editable Git install (${pinned}) with either a deleted local remote or invalid URI:\n# '${url}'\n-e ${location}`;
    const head = await git(location, ['rev-parse', 'HEAD'], signal);
    const gitDir = await git(location, ['rev-parse', '--git-dir'], signal);
    if (head.code !== 0 || gitDir.code !== 0)
      return `## !! Could not determine repository location\n-e ${location}`;
    const dir = gitDir.out.trim();
    const repoRoot = resolve(isAbsolute(dir) ? dir : join(location, dir), '..');
    const subdirectory = projectSubdirectory(location, repoRoot);
    const requirement = `git+${pipUrl}@${head.out.trim()}#egg=${rawName.replace(/-/g, '_')}${subdirectory ? `&subdirectory=${subdirectory}` : ''}`;
    return `-e ${requirement}`;
  } catch (error) {
    if (signal?.aborted) throw error;
    return `## !! Could not determine repository location\n-e ${location}`;
  }
}

/** Whether a command is on PATH, as pip's run_command would find it. */
function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/**
 * A Subversion or Bazaar checkout (`.svn`/`.bzr` in the project folder itself, as pip looks) as
 * pip 23.2 writes it when their commands are missing: svn first looks for a Python project up
 * the tree ("no remote" when there is none); then either command missing gives a bare `-e`.
 * null when the folder is neither, or when the command is there (pip's answer would need it).
 */
export function svnBzrEditableLines(location: string, pinned: string): string | null {
  if (existsSync(join(location, '.svn'))) {
    let dir = location;
    while (!existsSync(join(dir, 'setup.py')) && !existsSync(join(dir, 'pyproject.toml'))) {
      const parent = dirname(dir);
      if (parent === dir) return `# Editable Subversion install with no remote (${pinned})\n-e ${location}`;
      dir = parent;
    }
    return onPath('svn') ? null : `-e ${location}`;
  }
  if (existsSync(join(location, '.bzr'))) return onPath('bzr') ? null : `-e ${location}`;
  return null;
}
