import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawTimeZones } from '@vvo/tzdb';
import type { ZoneEntry } from '../../contract/zone.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { zoneinfoDirectory } from './system-source.ts';

interface NameIndex {
  /** Every known name, lower-cased, to its canonical IANA name. */
  canonical: Map<string, string>;
  /** Canonical name to its other names. */
  aliases: Map<string, string[]>;
}

let index: NameIndex | undefined;

/**
 * Canonical names come from the system's tzdata.zi links where it has one (the IANA data itself),
 * else from @vvo/tzdb's groups. ICU still calls Kolkata "Asia/Calcutta"; people should see the IANA name.
 */
function nameIndex(): NameIndex {
  if (index) return index;
  const links = new Map<string, string>();
  const dir = zoneinfoDirectory();
  try {
    const text = readFileSync(join(dir ?? '', 'tzdata.zi'), 'utf8');
    for (const match of text.matchAll(/^L (\S+) (\S+)$/gm)) links.set(match[2]!, match[1]!);
  } catch {
    for (const zone of rawTimeZones)
      for (const member of zone.group) if (member !== zone.name) links.set(member, zone.name);
  }
  const runtimeIds = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  const canonical = new Map<string, string>();
  for (const name of [...runtimeIds, ...links.keys()]) {
    const target = links.get(name) ?? name;
    const resolved = links.get(target) ?? target;
    canonical.set(name.toLowerCase(), resolved);
    // ICU may list only the legacy name (Asia/Katmandu): the canonical one must be known too.
    canonical.set(resolved.toLowerCase(), resolved);
  }
  const aliases = new Map<string, string[]>();
  for (const name of new Set([...runtimeIds, ...links.keys()])) {
    const target = canonical.get(name.toLowerCase())!;
    if (target !== name) aliases.set(target, [...(aliases.get(target) ?? []), name]);
  }
  index = { canonical, aliases };
  return index;
}

/** The canonical IANA name of a zone name or legacy link, in any case; a clear error when unknown. */
export function canonicalZone(name: string): string {
  const found = nameIndex().canonical.get(name.trim().toLowerCase());
  if (found) return found;
  if (/^[+-]\d{2}(:?\d{2})?$/.test(name.trim())) {
    throw new SuiteError(
      'BAD_INPUT',
      `"${name}" is an offset, not a time zone: offsets do not follow DST or history. Choose a zone such as Europe/Paris.`,
    );
  }
  const last = name.trim().split('/').at(-1)!.toLowerCase().replace(/\s+/g, '_');
  const suggestions = [...new Set(nameIndex().canonical.values())].filter(
    (id) => last.length >= 3 && id.toLowerCase().includes(last),
  );
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.slice(0, 3).join(' or ')}?` : '';
  throw new SuiteError('BAD_INPUT', `Unknown time zone "${name}".${hint}`);
}

export function aliasesOf(zone: string): string[] {
  return nameIndex().aliases.get(zone) ?? [];
}

const tzdbByName = new Map(
  rawTimeZones.flatMap((zone) => zone.group.map((member) => [member, zone] as const)),
);

/** Every canonical zone the runtime knows, with what a person may search by. */
export function zoneEntries(
  describeNow: (zone: string) => { offset: string; abbreviation: string },
): ZoneEntry[] {
  const ids = [...new Set([...nameIndex().canonical.values()])].sort();
  return ids.map((id) => {
    const aliases = aliasesOf(id);
    const info = tzdbByName.get(id) ?? aliases.map((alias) => tzdbByName.get(alias)).find(Boolean);
    const now = describeNow(id);
    return {
      id,
      aliases,
      country: info?.countryName ?? null,
      cities: info && info.name === id ? info.mainCities : [id.split('/').at(-1)!.replace(/_/g, ' ')],
      offsetNow: now.offset,
      abbreviationNow: now.abbreviation,
    };
  });
}

export function systemZone(): string {
  const id = Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    return canonicalZone(id);
  } catch {
    return 'UTC';
  }
}
