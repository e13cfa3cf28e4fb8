import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parsePosixTz } from './posix-tz.ts';
import { parseTzif } from './tzif.ts';
import { tzifSource } from './tzif-source.ts';
import type { ZoneSource } from './zone-source.ts';

const SAFE_NAME = /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/;

/** Where the system keeps compiled zone files: TZDIR, else the usual place on Linux and macOS. */
export function zoneinfoDirectory(): string | null {
  const candidates = [
    process.env.TZDIR,
    '/usr/share/zoneinfo',
    '/usr/lib/zoneinfo',
    '/usr/share/lib/zoneinfo',
  ];
  return candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'UTC'))) ?? null;
}

/** The tz database version of the zoneinfo files, from tzdata.zi or +VERSION. */
export function zoneinfoVersion(dir: string): string {
  for (const [file, pattern] of [
    ['tzdata.zi', /^# version (\S+)/],
    ['+VERSION', /^(\S+)/],
  ] as const) {
    try {
      const match = pattern.exec(readFileSync(join(dir, file), 'utf8'));
      if (match?.[1]) return match[1];
    } catch {
      // Try the next file.
    }
  }
  return 'unknown';
}

/**
 * The names the files answer to: tzdata.zi lists zones (Z) and links (L) as the data defines them;
 * without it (macOS) every zone file is a name of its own.
 */
function zoneinfoNames(dir: string): Map<string, string> {
  const names = new Map<string, string>();
  try {
    const text = readFileSync(join(dir, 'tzdata.zi'), 'utf8');
    for (const match of text.matchAll(/^Z (\S+)/gm)) names.set(match[1]!, match[1]!);
    const links = [...text.matchAll(/^L (\S+) (\S+)$/gm)].map((match) => [match[2]!, match[1]!] as const);
    for (const [link, target] of links) names.set(link, names.get(target) ?? target);
    return names;
  } catch {
    // No tzdata.zi: walk the folder.
  }
  const walk = (relative: string, depth: number) => {
    for (const entry of readdirSync(join(dir, relative))) {
      const name = relative ? `${relative}/${entry}` : entry;
      if (!SAFE_NAME.test(name) || /^(posix|right|SystemV)$/.test(name) || !/^[A-Z]/.test(entry)) continue;
      const stats = statSync(join(dir, name), { throwIfNoEntry: false });
      if (stats?.isDirectory() && depth < 3) walk(name, depth + 1);
      else if (stats?.isFile()) names.set(name, name);
    }
  };
  try {
    walk('', 0);
  } catch {
    // An unreadable folder lists no names.
  }
  return names;
}

/** The system's compiled tz database (TZif files), read by the one TZif engine. */
export function systemSource(dir: string): ZoneSource {
  const version = zoneinfoVersion(dir);
  let names: Map<string, string> | undefined;
  return tzifSource({
    kind: 'system',
    label: `system (${dir}, tz ${version})`,
    version,
    load(zone) {
      if (!SAFE_NAME.test(zone)) return null;
      try {
        const data = parseTzif(readFileSync(join(dir, zone)));
        return { data, rule: parsePosixTz(data.footer) };
      } catch {
        return null;
      }
    },
    names: () => (names ??= zoneinfoNames(dir)),
  });
}
