import { closeSync, openSync, readSync } from 'node:fs';
import { opendir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

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
}

/** Core-metadata headers (RFC 822 style): repeated fields kept in order, folded lines joined. */
export function parseHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && last) {
      const values = headers.get(last)!;
      values[values.length - 1] += `\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed header line "${line.slice(0, 60)}"`);
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
  const metadataFile = !isDir ? path : join(path, entry.endsWith('.egg-info') ? 'PKG-INFO' : 'METADATA');
  const text = readHead(metadataFile);
  if (text === null) throw Object.assign(new Error('no metadata file'), { code: 'ENOENT' });
  const headers = parseHeaders(text);
  const name = headers.get('name')?.[0];
  const version = headers.get('version')?.[0]?.trim();
  if (!name?.trim()) throw new Error('metadata has no Name: pip skips it');
  // pip ignores a project whose name is not a PEP 508 name (`~atplotlib`, left by an interrupted install).
  if (
    !/^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(
      name
        .trim()
        .toLowerCase()
        .replace(/[-_.]+/g, '-'),
    )
  )
    throw new Error(`"${name}" is not a valid project name: pip ignores it`);
  if (!version) throw new Error('metadata has no Version');
  let requiresDist = headers.get('requires-dist') ?? [];
  // pip reads requires.txt only when the metadata declares no requirements and no extras itself.
  if (isDir && entry.endsWith('.egg-info') && !headers.has('requires-dist') && !headers.has('provides-extra'))
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
function importlibOrder(names: string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const low = name.toLowerCase();
    if (!low.endsWith('.dist-info') && !low.endsWith('.egg-info')) continue;
    const project = low
      .slice(0, low.lastIndexOf('.'))
      .split('-')[0]!
      .replace(/[-_.]+/g, '_');
    groups.set(project, [...(groups.get(project) ?? []), name]);
  }
  return [...groups.values()].flat();
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
  const perDir = await Promise.all(
    listings.map(({ dir, names, kinds }) =>
      Promise.all(
        importlibOrder(names).map(async (entry) => {
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
      ),
    ),
  );
  const distributions = perDir.flat().filter((entry): entry is RawDistribution => entry !== null);
  return { distributions, problems };
}
