import { closeSync, openSync, readSync } from 'node:fs';
import { opendir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

export interface RawDistribution {
  name: string;
  version: string;
  summary: string;
  requiresDist: string[];
  /** The sys.path entry it sits in. */
  location: string;
  /** The .dist-info or .egg-info it came from. */
  source: string;
  /** PEP 610's direct_url.json, parsed; null when absent or not JSON. */
  directUrl: unknown;
  /** An `.egg-link` for it sits on sys.path (a `setup.py develop` install). */
  eggLink: boolean;
  /**
   * The name pip files it under (`pip check`, and whether it is valid at all): the metadata
   * folder's name up to its first `-`, canonicalised; the declared Name when the folder says none.
   */
  pipName: string;
}

/** pip's importlib backend: the folder name's stem up to the first `-`, else the metadata Name. */
function pipNameOf(folder: string, declared: string): string {
  const dot = folder.lastIndexOf('.');
  const suffix = dot > 0 ? folder.slice(dot) : '';
  const name =
    suffix === '.dist-info' || suffix === '.egg-info' ? folder.slice(0, dot).split('-')[0]! : declared;
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Core-metadata headers (RFC 822 style): repeated fields kept in order, folded lines joined. As
 * Python's email parser: the first line that is no header ends the headers (the rest is body).
 */
export function parseHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      if (!last) continue;
      const values = headers.get(last)!;
      values[values.length - 1] += `\n${line.trim()}`;
      continue;
    }
    if (!/^[\x21-\x39\x3b-\x7e]*:/.test(line)) break;
    const colon = line.indexOf(':');
    // A line starting with `:` has no name: Python notes a defect and skips it.
    if (colon === 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    // Python's email parser strips only the leading blanks; pip prints the rest as it is.
    headers.set(last, [...(headers.get(last) ?? []), line.slice(colon + 1).replace(/^[ \t]+/, '')]);
  }
  return headers;
}

/**
 * egg-info's requires.txt as pip turns it into Requires-Dist: plain lines, then `[extra]`,
 * `[:marker]` or `[extra:marker]` sections, written `req ; (marker) and extra == "x"`.
 */
export function parseRequiresTxt(text: string): string[] {
  const requirements: string[] = [];
  let condition = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      const [extraText = '', marker = ''] = section[1]!.split(':');
      const extra = extraText
        .trim()
        .toLowerCase()
        .replace(/[-_.]+/g, '-');
      if (extra && marker) condition = `(${marker}) and extra == "${extra}"`;
      else if (extra) condition = `extra == "${extra}"`;
      else condition = marker;
      continue;
    }
    requirements.push(condition ? `${line} ; ${condition}` : line);
  }
  return requirements;
}

const HEAD_LIMIT = 256 * 1024;
/** One buffer for every read: the reads are synchronous, so they never overlap. */
const headBuffer = Buffer.alloc(HEAD_LIMIT);

/**
 * The start of a small metadata file, read synchronously: a thousand asynchronous reads cost far
 * more than the reads themselves. Bounded, so a huge file costs at most 256 KiB; null when absent.
 */
function readHead(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    let length = 0;
    for (let read = -1; read !== 0 && length < HEAD_LIMIT; length += read)
      read = readSync(fd, headBuffer, length, HEAD_LIMIT - length, null);
    return headBuffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}

async function readDistribution(
  dir: string,
  entry: string,
  eggLinks: Set<string>,
  kind: 'dir' | 'file' | 'unknown',
): Promise<RawDistribution> {
  const path = join(dir, entry);
  // The listing says what most entries are; a symbolic link is asked about.
  const isDir = kind === 'unknown' ? (await stat(path)).isDirectory() : kind === 'dir';
  const eggInfo = /(^|\.)egg-info$/i.test(entry);
  const metadataFile = !isDir ? path : join(path, eggInfo ? 'PKG-INFO' : 'METADATA');
  const text = readHead(metadataFile);
  if (text === null) throw Object.assign(new Error('no metadata file'), { code: 'ENOENT' });
  const headers = parseHeaders(text);
  const name = headers.get('name')?.[0];
  const version = headers.get('version')?.[0]?.trim();
  if (name === undefined) throw new Error('metadata has no Name: pip skips it');
  const pipName = pipNameOf(entry, name);
  // pip ignores a project whose name is not a PEP 508 name (`~atplotlib`, left by an interrupted
  // install; `trail ` with a blank): it asks of the name it files the project under.
  if (!/^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(pipName))
    throw new Error(`"${pipName}" is not a valid project name: pip ignores it`);
  if (!version) throw new Error('metadata has no Version');
  let requiresDist = headers.get('requires-dist') ?? [];
  // pip reads requires.txt only when the metadata declares no requirements and no extras itself.
  if (isDir && eggInfo && !headers.has('requires-dist') && !headers.has('provides-extra'))
    requiresDist = await readFile(join(path, 'requires.txt'), 'utf8').then(parseRequiresTxt, () => []);
  const directText = isDir ? readHead(join(path, 'direct_url.json')) : null;
  let directUrl: unknown = null;
  try {
    directUrl = directText === null ? null : (JSON.parse(directText) as unknown);
  } catch {
    // pip ignores a direct_url.json it cannot read, and so does the export.
  }
  const eggLinkNames = [name, name.replace(/[^A-Za-z0-9.]+/g, '-')].map((base) => `${base}.egg-link`);
  return {
    name,
    version,
    summary: headers.get('summary')?.[0] ?? '',
    requiresDist,
    location: dir,
    source: path,
    directUrl,
    eggLink: eggLinkNames.some((link) => eggLinks.has(link)),
    pipName,
  };
}

/**
 * A folder's entries in the order the file system lists them (what Python's os.listdir sees;
 * Node's readdir sorts), at most `limit` of them.
 */
async function listInOrder(dir: string, limit = 200_000): Promise<Map<string, 'dir' | 'file' | 'unknown'>> {
  const names = new Map<string, 'dir' | 'file' | 'unknown'>();
  for await (const entry of await opendir(dir, { bufferSize: 256 })) {
    names.set(entry.name, entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'unknown');
    if (names.size >= limit) break;
  }
  return names;
}

/**
 * The metadata folders of one sys.path entry in importlib.metadata's order: grouped by the
 * project name in the folder's name, groups in the order their first folder is listed.
 */
function importlibOrder(names: string[], dir: string): string[] {
  const groups = new Map<string, string[]>();
  // A sys.path entry that is an unpacked egg holds its metadata in EGG-INFO, read after the rest.
  const eggs = basename(dir).toLowerCase().endsWith('.egg')
    ? names.filter((name) => name.toLowerCase() === 'egg-info')
    : [];
  for (const name of names) {
    const low = name.toLowerCase();
    if (!low.endsWith('.dist-info') && !low.endsWith('.egg-info')) continue;
    const project = low
      .slice(0, low.lastIndexOf('.'))
      .split('-')[0]!
      .replace(/[-_.]+/g, '_');
    groups.set(project, [...(groups.get(project) ?? []), name]);
  }
  return [...[...groups.values()].flat(), ...eggs];
}

/**
 * pip's find_linked: after a folder's own distributions, those in the folders its `.egg-link`
 * files name (first non-blank line, relative to the folder), editable, located there.
 */
async function linkedDistributions(
  dir: string,
  names: string[],
  readAll: (
    dir: string,
    names: string[],
    kinds: Map<string, 'dir' | 'file' | 'unknown'>,
  ) => Promise<(RawDistribution | null)[]>,
): Promise<(RawDistribution | null)[]> {
  const found: (RawDistribution | null)[] = [];
  for (const link of names.filter((name) => name.endsWith('.egg-link') && name !== '.egg-link')) {
    const text = readHead(join(dir, link)) ?? '';
    const target = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find(Boolean);
    if (!target) continue;
    const location = resolve(dir, target);
    const kinds = await listInOrder(location, 10_000).catch(() => null);
    if (!kinds) continue;
    const linked = await readAll(location, [...kinds.keys()], kinds);
    found.push(...linked.map((raw) => raw && { ...raw, eggLink: true }));
  }
  return found;
}

export interface ScanResult {
  /** In the order pip meets them: sys.path order, then importlib.metadata's order in each folder. */
  distributions: RawDistribution[];
  problems: { path: string; message: string }[];
}

/** Every distribution in the given folders, read from its metadata files; pip itself is never run. */
export async function scanSitePackages(dirs: string[]): Promise<ScanResult> {
  const listings = await Promise.all(
    dirs.map(async (dir) => {
      try {
        const kinds = await listInOrder(dir);
        return { dir, names: [...kinds.keys()], kinds, error: null };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const silent = code === 'ENOENT' || code === 'ENOTDIR';
        return {
          dir,
          names: [] as string[],
          kinds: new Map<string, 'dir' | 'file' | 'unknown'>(),
          error: silent ? null : `cannot be read (${code ?? 'error'})`,
        };
      }
    }),
  );
  const eggLinks = new Set(
    listings.flatMap(({ names }) => names.filter((name) => name.endsWith('.egg-link'))),
  );
  const problems: ScanResult['problems'] = listings
    .filter((listing) => listing.error)
    .map((listing) => ({ path: listing.dir, message: listing.error! }));
  let sinceYield = 0;
  const readAll = (dir: string, names: string[], kinds: Map<string, 'dir' | 'file' | 'unknown'>) =>
    Promise.all(
      importlibOrder(names, dir).map(async (entry) => {
        // The reads are synchronous: let other work run between batches.
        if (++sinceYield % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
        try {
          return await readDistribution(dir, entry, eggLinks, kinds.get(entry) ?? 'unknown');
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const message = code ? `cannot be read (${code})` : (error as Error).message;
          problems.push({ path: join(dir, entry), message });
          return null;
        }
      }),
    );
  const perDir = await Promise.all(
    listings.map(async ({ dir, names, kinds }) => [
      ...(await readAll(dir, names, kinds)),
      ...(await linkedDistributions(dir, names, readAll)),
    ]),
  );
  const distributions = perDir.flat().filter((entry): entry is RawDistribution => entry !== null);
  return { distributions, problems };
}
