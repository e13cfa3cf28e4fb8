import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawDistribution } from './metadata.ts';
import { normalizeName } from './pep508.ts';

export interface FreezeOptions {
  /** pip freeze --all: keep pip, setuptools, wheel and distribute. */
  all: boolean;
  /** pip freeze --local: in a venv, leave out what is installed outside its prefix. */
  local: boolean;
}

export interface FreezeTarget {
  /** sys.prefix, and whether it differs from sys.base_prefix (running in a venv). */
  prefix: string;
  inVenv: boolean;
  /** Python ≥ 3.12: pip no longer leaves setuptools, wheel and distribute out by default. */
  keepsBuildBackends: boolean;
}

type DirectUrl =
  | { url: string; subdirectory?: string; kind: 'vcs'; vcs: string; commitId: string }
  | { url: string; subdirectory?: string; kind: 'archive'; hash?: string }
  | { url: string; subdirectory?: string; kind: 'dir'; editable: boolean };

const isString = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** PEP 610's direct_url.json as pip validates it; null where pip ignores it (and warns). */
export function readDirectUrl(json: unknown): DirectUrl | null {
  if (!isObject(json) || !isString(json.url)) return null;
  const infos = ['vcs_info', 'archive_info', 'dir_info'].filter((key) => key in json);
  if (infos.length !== 1) return null;
  const subdirectory = json.subdirectory;
  if (subdirectory !== undefined && !isString(subdirectory)) return null;
  const base = { url: json.url, ...(subdirectory ? { subdirectory } : {}) };
  const info = json[infos[0]!];
  if (!isObject(info)) return null;
  if (infos[0] === 'vcs_info') {
    if (!isString(info.vcs) || !isString(info.commit_id)) return null;
    return { ...base, kind: 'vcs', vcs: info.vcs, commitId: info.commit_id };
  }
  if (infos[0] === 'archive_info') {
    if (info.hash !== undefined && !isString(info.hash)) return null;
    return { ...base, kind: 'archive', ...(info.hash ? { hash: info.hash } : {}) };
  }
  if (info.editable !== undefined && typeof info.editable !== 'boolean') return null;
  return { ...base, kind: 'dir', editable: info.editable === true };
}

/** `name @ url` as pip writes a direct reference: VCS with its commit, hash and subdirectory as fragments. */
function directReference(name: string, direct: DirectUrl): string {
  const fragments: string[] = [];
  let target = direct.url;
  if (direct.kind === 'vcs') target = `${direct.vcs}+${direct.url}@${direct.commitId}`;
  if (direct.kind === 'archive' && direct.hash) fragments.push(direct.hash);
  if (direct.subdirectory) fragments.push(`subdirectory=${direct.subdirectory}`);
  return `${name} @ ${target}${fragments.length > 0 ? `#${fragments.join('&')}` : ''}`;
}

/** The editable project's folder, when pip would call the install editable. */
export function editableLocation(raw: RawDistribution): string | null {
  const direct = readDirectUrl(raw.directUrl);
  if (direct) {
    if (direct.kind !== 'dir' || !direct.editable || !direct.url.startsWith('file://')) return null;
    try {
      return resolve(fileURLToPath(direct.url));
    } catch {
      return null;
    }
  }
  return raw.eggLink ? raw.location : null;
}

/**
 * The line(s) `pip freeze` writes for one distribution. `validVersion` says whether PEP 440 reads
 * the version (`name==1.0`) or not (`name===latest`).
 */
export function freezeLine(raw: RawDistribution, version: string, validVersion: boolean): string {
  const pinned = `${raw.name}${validVersion ? '==' : '==='}${version}`;
  const editable = editableLocation(raw);
  // A project under version control is written by pip from git's answers, which are not asked here.
  if (editable !== null) return `# Editable install with no version control (${pinned})\n-e ${editable}`;
  const direct = readDirectUrl(raw.directUrl);
  return direct ? directReference(raw.name, direct) : pinned;
}

const BUILD_BACKENDS = ['setuptools', 'distribute', 'wheel'];

/** `pip freeze` for the distributions pip sees (first of each name on sys.path), in its order. */
export async function freeze(
  entries: { raw: RawDistribution; line: string }[],
  target: FreezeTarget,
  options: FreezeOptions,
): Promise<string> {
  const skip = new Set(['python', 'wsgiref', 'argparse']);
  if (!options.all) {
    skip.add('pip');
    if (!target.keepsBuildBackends) BUILD_BACKENDS.forEach((name) => skip.add(name));
  }
  let kept = entries.filter((entry) => !skip.has(normalizeName(entry.raw.name)));
  if (options.local && target.inVenv) {
    const real = (path: string) => realpath(path).catch(() => resolve(path));
    const prefix = await real(target.prefix);
    const local = await Promise.all(
      kept.map(async (entry) => (await real(entry.raw.location)).startsWith(prefix)),
    );
    kept = kept.filter((_, index) => local[index]);
  }
  const lines = kept
    .map((entry) => ({ key: entry.raw.name.toLowerCase(), line: entry.line }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return lines.map((entry) => `${entry.line}\n`).join('');
}
