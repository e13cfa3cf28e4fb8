import { rawTimeZones } from '@vvo/tzdb';
import cityTimezones from 'city-timezones';
import type { FindResult, ZoneMatch } from '../../contract/zone-planner.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { zoneData } from './data-source.ts';
import { canonicalZone } from './zone-names.ts';
import { formatOffset } from './zoned-time.ts';
import type { ZoneSource } from './zone-source.ts';

const YEAR = 366 * 86_400_000;
/** What --from, --to and the zone fields accept, for the one-line error. */
const ACCEPTED_ZONES =
  'Give an IANA zone (Europe/Berlin), a city (Frankfurt, Sao Paulo), a country (Japan, JP) or an abbreviation (PST, CET).';

/**
 * Former names people still type: the city list has current names only (Mumbai, not Bombay). A short
 * list of renamed big cities, each pointing at the current name the list has.
 */
const FORMER_NAMES: Record<string, string> = {
  bombay: 'Mumbai',
  calcutta: 'Kolkata',
  madras: 'Chennai',
  bangalore: 'Bengaluru',
  peking: 'Beijing',
  canton: 'Guangzhou',
  saigon: 'Ho Chi Minh City',
  leningrad: 'St. Petersburg',
  constantinople: 'Istanbul',
  kiev: 'Kyiv',
};

/** Lower case, accents dropped, underscores and runs of spaces as one space: "São_Paulo" → "sao paulo". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

interface SearchIndex {
  /** Abbreviation in upper case → zones that use it in the year before or after now. */
  abbreviations: Map<string, Set<string>>;
  /** Folded city name → zones, with the city as the list writes it. */
  cities: Map<string, { city: string; country: string; zone: string }[]>;
  /** Folded country name or ISO code → zones. */
  countries: Map<string, { country: string; zones: Set<string> }>;
  zoneIds: string[];
}

let index: SearchIndex | undefined;

function safeCanonical(name: string, source?: ZoneSource): string | null {
  try {
    return canonicalZone(name, source);
  } catch {
    return null;
  }
}

/**
 * Abbreviations from the newest tz data present (TZif data names CET, IST, AEST…; ICU's short names
 * name few outside the Americas). Numeric ones (+0530) are offsets, not names, and are left out.
 */
function collectAbbreviations(zoneIds: string[], now: number): Map<string, Set<string>> {
  const source = zoneData('auto');
  const found = new Map<string, Set<string>>();
  const add = (abbreviation: string, zone: string) => {
    if (!/^[A-Z]{2,6}$/.test(abbreviation)) return;
    const zones = found.get(abbreviation) ?? new Set<string>();
    zones.add(zone);
    found.set(abbreviation, zones);
  };
  for (const zone of zoneIds) {
    if (!source.has(zone) || zone.startsWith('Etc/')) continue;
    add(source.typeAt(zone, now - YEAR).abbreviation, zone);
    let cursor = now - YEAR;
    for (let guard = 0; guard < 8; guard++) {
      const next = source.nextTransition(zone, cursor);
      if (!next || next.at > now + YEAR) break;
      add(next.after.abbreviation, zone);
      cursor = next.at;
    }
  }
  return found;
}

function searchIndex(): SearchIndex {
  if (index) return index;
  const zoneIds = [...new Set(zoneData('auto').names().values())].sort();
  const cities = new Map<string, { city: string; country: string; zone: string }[]>();
  for (const entry of cityTimezones.cityMapping) {
    const zone = entry.timezone ? safeCanonical(entry.timezone) : null;
    if (!zone) continue;
    for (const name of new Set([fold(entry.city), fold(entry.city_ascii)])) {
      cities.set(name, [
        ...(cities.get(name) ?? []),
        { city: entry.city_ascii, country: entry.country, zone },
      ]);
    }
  }
  const countries = new Map<string, { country: string; zones: Set<string> }>();
  for (const info of rawTimeZones) {
    const zone = safeCanonical(info.name);
    if (!zone) continue;
    for (const key of [fold(info.countryName), fold(info.countryCode)]) {
      const entry = countries.get(key) ?? { country: info.countryName, zones: new Set<string>() };
      entry.zones.add(zone);
      countries.set(key, entry);
    }
  }
  index = { abbreviations: collectAbbreviations(zoneIds, Date.now()), cities, countries, zoneIds };
  return index;
}

interface Tier {
  by: ZoneMatch['by'];
  entries: { zone: string; label: string }[];
}

/**
 * The exact readings of a query, most specific first: each tier lists the zones it can mean. A name
 * the data has (links and legacy names such as CET or EST included) means that zone, as the converter
 * reads it; abbreviations, cities and countries come after.
 */
function exactTiers(query: string, source?: ZoneSource): Tier[] {
  const { abbreviations, cities, countries } = searchIndex();
  const folded = fold(query);
  const tiers: Tier[] = [];
  const iana = safeCanonical(query, source);
  if (iana) tiers.push({ by: 'zone', entries: [{ zone: iana, label: iana }] });
  const upper = query.toUpperCase();
  const abbreviation = /^[A-Za-z]{2,6}$/.test(query) ? abbreviations.get(upper) : undefined;
  if (abbreviation)
    tiers.push({
      by: 'abbreviation',
      entries: [...abbreviation].sort().map((zone) => ({ zone, label: upper })),
    });
  const former = FORMER_NAMES[folded];
  const city = cities.get(former ? fold(former) : folded);
  if (city) {
    const zones = [...new Set(city.map((entry) => entry.zone))];
    const labelOf = (zone: string) => {
      const here = city.filter((entry) => entry.zone === zone);
      return `${here[0]!.city} (${[...new Set(here.map((entry) => entry.country))].join(', ')})`;
    };
    tiers.push({ by: 'city', entries: zones.map((zone) => ({ zone, label: labelOf(zone) })) });
  }
  const country = countries.get(folded);
  if (country)
    tiers.push({
      by: 'country',
      entries: [...country.zones].sort().map((zone) => ({ zone, label: country.country })),
    });
  return tiers;
}

function matchOf(zone: string, by: ZoneMatch['by'], label: string, now: number): ZoneMatch {
  // TZif data names abbreviations ICU writes as GMT+2.
  const type = zoneData('auto').typeAt(zone, now);
  return { zone, by, label, offsetNow: formatOffset(type.offset), abbreviationNow: type.abbreviation };
}

/** Every zone a city, country, abbreviation or zone name can mean: exact readings, then partial ones. */
export async function findZones(input: { text: string }): Promise<FindResult> {
  const query = input.text.trim();
  const now = Date.now();
  const matches: ZoneMatch[] = [];
  const seen = new Set<string>();
  const push = (zone: string, by: ZoneMatch['by'], label: string) => {
    if (seen.has(zone) || matches.length >= 50) return;
    seen.add(zone);
    matches.push(matchOf(zone, by, label, now));
  };
  const tiers = exactTiers(query);
  for (const tier of tiers) for (const entry of tier.entries) push(entry.zone, tier.by, entry.label);
  const folded = fold(query);
  // Partial matches of a short word are noise next to an exact reading ("ist" in Boa_Vista beside IST).
  if (folded.length >= 4 || (folded.length === 3 && tiers.length === 0)) {
    const { cities, zoneIds } = searchIndex();
    for (const zone of zoneIds) if (fold(zone).includes(folded)) push(zone, 'zone', zone);
    for (const [name, entries] of cities)
      if (name.startsWith(folded))
        for (const entry of entries) push(entry.zone, 'city', `${entry.city} (${entry.country})`);
  }
  const first = tiers[0];
  return { query, matches, unique: first?.entries.length === 1 ? first.entries[0]!.zone : null };
}

/** The engine's own message (it names a near zone, "Did you mean Europe/Paris?", or an offset given as a zone) and what else is read. */
function unknownZone(query: string, source?: ZoneSource): SuiteError {
  let said = `Unknown time zone "${query}".`;
  try {
    canonicalZone(query, source);
  } catch (error) {
    if (error instanceof SuiteError) said = error.message;
  }
  return new SuiteError('BAD_INPUT', said.includes('offset') ? said : `${said} ${ACCEPTED_ZONES}`);
}

/**
 * The one zone a name means, for --from, --to and the zone fields. An abbreviation or city that
 * means several zones is refused with every candidate listed, so the user picks one.
 */
export function resolveZone(text: string, source?: ZoneSource): string {
  const query = text.trim();
  // A name the data has needs no search index.
  const named = safeCanonical(query, source);
  if (named) return named;
  const tier = exactTiers(query, source)[0];
  if (!tier) throw unknownZone(query, source);
  const zones = tier.entries.map((entry) => entry.zone);
  if (zones.length === 1) return zones[0]!;
  const shown = zones.slice(0, 12).join(', ');
  const more = zones.length > 12 ? ` and ${zones.length - 12} more` : '';
  throw new SuiteError(
    'BAD_INPUT',
    `"${query}" can mean ${zones.length} zones: ${shown}${more}. Name one of them.`,
  );
}
