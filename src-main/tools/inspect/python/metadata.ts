import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface RawDistribution {
  name: string;
  version: string;
  summary: string;
  requiresDist: string[];
  location: string;
  /** The .dist-info or .egg-info it came from. */
  source: string;
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
    headers.set(last, [...(headers.get(last) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/** egg-info's requires.txt: plain lines, then `[extra]`, `[:marker]` or `[extra:marker]` sections. */
export function parseRequiresTxt(text: string): string[] {
  const requirements: string[] = [];
  let condition: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const section = /^\[(.*)\]$/.exec(line);
    if (section) {
      const [extra = '', marker = ''] = section[1]!.split(':');
      const parts = [extra ? `extra == "${extra}"` : '', marker ? `(${marker})` : ''].filter(Boolean);
      condition = parts.length > 0 ? parts.join(' and ') : null;
      continue;
    }
    requirements.push(condition ? `${line} ; ${condition}` : line);
  }
  return requirements;
}

function fromHeaders(
  headers: Map<string, string[]>,
  location: string,
  source: string,
  requires: string[],
): RawDistribution {
  const name = headers.get('name')?.[0];
  const version = headers.get('version')?.[0];
  if (!name || !version) throw new Error('metadata has no Name or Version');
  return {
    name,
    version,
    summary: headers.get('summary')?.[0] ?? '',
    requiresDist: requires,
    location,
    source,
  };
}

async function readDistribution(dir: string, entry: string): Promise<RawDistribution | null> {
  const path = join(dir, entry);
  if (entry.endsWith('.dist-info')) {
    const headers = parseHeaders(await readFile(join(path, 'METADATA'), 'utf8'));
    return fromHeaders(headers, dir, path, headers.get('requires-dist') ?? []);
  }
  if (entry.endsWith('.egg-info')) {
    const isDir = (await stat(path)).isDirectory();
    const headers = parseHeaders(await readFile(isDir ? join(path, 'PKG-INFO') : path, 'utf8'));
    const requires = isDir
      ? await readFile(join(path, 'requires.txt'), 'utf8').then(parseRequiresTxt, () => [])
      : [];
    return fromHeaders(headers, dir, path, [...(headers.get('requires-dist') ?? []), ...requires]);
  }
  return null;
}

export interface ScanResult {
  distributions: RawDistribution[];
  problems: { path: string; message: string }[];
}

/** Every distribution in the given folders, read from its metadata files; pip itself is never run. */
export async function scanSitePackages(dirs: string[]): Promise<ScanResult> {
  const distributions: RawDistribution[] = [];
  const problems: ScanResult['problems'] = [];
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        problems.push({ path: dir, message: `cannot be read (${code ?? 'error'})` });
      continue;
    }
    const found = await Promise.all(
      entries
        .filter((entry) => entry.endsWith('.dist-info') || entry.endsWith('.egg-info'))
        .sort()
        .map(async (entry) => {
          try {
            return await readDistribution(dir, entry);
          } catch (error) {
            problems.push({ path: join(dir, entry), message: (error as Error).message });
            return null;
          }
        }),
    );
    distributions.push(...found.filter((entry): entry is RawDistribution => entry !== null));
  }
  return { distributions, problems };
}
