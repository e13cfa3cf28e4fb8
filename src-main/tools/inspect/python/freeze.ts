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

/** pip's _get: an absent key is the default; a present one (null included) must have the type. */
function field<T>(
  object: Record<string, unknown>,
  key: string,
  is: (value: unknown) => value is T,
): T | undefined {
  if (!(key in object)) return undefined;
  const value = object[key];
  if (!is(value)) throw new Error(`${key} has an unexpected type`);
  return value;
}

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

/** PEP 610's direct_url.json as pip 23.2's DirectUrl.from_dict validates it; null where pip ignores it (and warns). */
export function readDirectUrl(json: unknown): DirectUrl | null {
  if (!isObject(json)) return null;
  try {
    const url = field(json, 'url', isString);
    if (url === undefined) return null;
    const subdirectory = field(json, 'subdirectory', isString);
    const base = { url, ...(subdirectory ? { subdirectory } : {}) };
    const archive = field(json, 'archive_info', isObject);
    const dir = field(json, 'dir_info', isObject);
    const vcs = field(json, 'vcs_info', isObject);
    if ([archive, dir, vcs].filter(Boolean).length !== 1) return null;
    if (vcs) {
      const name = field(vcs, 'vcs', isString);
      const commitId = field(vcs, 'commit_id', isString);
      field(vcs, 'requested_revision', isString);
      if (name === undefined || commitId === undefined) return null;
      return { ...base, kind: 'vcs', vcs: name, commitId };
    }
    if (archive) {
      const hash = field(archive, 'hash', isString);
      field(archive, 'hashes', isObject);
      // ArchiveInfo splits `name=value`; a hash without `=` makes the whole file invalid.
      if (hash !== undefined && !hash.includes('=')) return null;
      return { ...base, kind: 'archive', ...(hash ? { hash } : {}) };
    }
    return { ...base, kind: 'dir', editable: field(dir!, 'editable', isBoolean) ?? false };
  } catch {
    return null;
  }
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
