import { rawTimeZones } from '@vvo/tzdb';
import type { ZoneEntry } from '../../contract/zone.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { availableSources, newestSource } from './sources.ts';
import type { ZoneSource } from './zone-source.ts';

interface NameIndex {
  /** Every name, lower-cased, to its canonical zone. */
  canonical: Map<string, string>;
  /** Canonical zone to its other names. */
  aliases: Map<string, string[]>;
}

const indexes = new WeakMap<Map<string, string>, NameIndex>();

/**
 * The names a source answers to: the data's own zones and links (backward names such as
 * Africa/Asmera, US/Pacific, Etc/GMT+5, CET). The runtime's ICU lists fewer names, and old canonical
 * ones (Asia/Calcutta), so it uses the shipped data's table.
 */
function nameIndex(source: ZoneSource): NameIndex {
  const names =
    source.kind === 'runtime'
      ? availableSources()
          .find((candidate) => candidate.kind === 'shipped')!
          .names()
      : source.names();
  let index = indexes.get(names);
  if (!index) {
    index = { canonical: new Map(), aliases: new Map() };
    for (const [name, zone] of names) {
      index.canonical.set(name.toLowerCase(), zone);
      if (name !== zone) index.aliases.set(zone, [...(index.aliases.get(zone) ?? []), name]);
    }
    indexes.set(names, index);
  }
  return index;
}

/** The canonical IANA name of a zone name or link, in any case; a clear error when unknown. */
export function canonicalZone(name: string, source: ZoneSource = newestSource()): string {
  const index = nameIndex(source);
  const found = index.canonical.get(name.trim().toLowerCase());
  if (found) return found;
  if (/^[+-]\d{2}(:?\d{2})?$/.test(name.trim())) {
    throw new SuiteError(
      'BAD_INPUT',
      `"${name}" is an offset, not a time zone: offsets do not follow DST or history. Choose a zone such as Europe/Paris.`,
    );
  }
  const last = name.trim().split('/').at(-1)!.toLowerCase().replace(/\s+/g, '_');
  const suggestions = [...new Set(index.canonical.values())].filter(
    (id) => last.length >= 3 && id.toLowerCase().includes(last),
  );
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.slice(0, 3).join(' or ')}?` : '';
  throw new SuiteError('BAD_INPUT', `Unknown time zone "${name.slice(0, 80)}".${hint}`);
}

/** The other names of a zone (its links). */
export function aliasesOf(zone: string, source: ZoneSource = newestSource()): string[] {
  return nameIndex(source).aliases.get(zone) ?? [];
}

const tzdbByName = new Map(
  rawTimeZones.flatMap((zone) => zone.group.map((member) => [member, zone] as const)),
);

/** Every canonical zone of a source, with what a person may search by. */
export function zoneEntries(
  describeNow: (zone: string) => { offset: string; abbreviation: string },
  source: ZoneSource = newestSource(),
): ZoneEntry[] {
  const ids = [...new Set(nameIndex(source).canonical.values())].filter((id) => source.has(id)).sort();
  return ids.map((id) => {
    const aliases = aliasesOf(id, source);
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
