import { rawTimeZones } from '@vvo/tzdb';
import cityTimezones from 'city-timezones';
import type { FindResult, ZoneMatch } from '../../contract/zone-planner.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { zoneData } from './data-source.ts';
import { COMMON_NAMES, offsetZone } from './common-zone-names.ts';
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

interface CityEntry {
  city: string;
  country: string;
  zone: string;
  population: number;
}

interface SearchIndex {
  /** Abbreviation in upper case → zones that use it in the year before or after now. */
  abbreviations: Map<string, Set<string>>;
  /** Folded city name → zones, with the city as the list writes it and its population. */
  cities: Map<string, CityEntry[]>;
  /** Folded country name or ISO code → zones. */
  countries: Map<string, { country: string; zones: Set<string> }>;
  zoneIds: string[];
  /** The last part of each zone id, folded ("lord howe") → zone: a zone named without its region. */
  zoneCities: Map<string, string>;
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
  const cities = new Map<string, CityEntry[]>();
  for (const entry of cityTimezones.cityMapping) {
    const zone = entry.timezone ? safeCanonical(entry.timezone) : null;
    if (!zone) continue;
    for (const name of new Set([fold(entry.city), fold(entry.city_ascii)])) {
      cities.set(name, [
        ...(cities.get(name) ?? []),
        { city: entry.city_ascii, country: entry.country, zone, population: Number(entry.pop) || 0 },
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
  const zoneCities = new Map<string, string>();
  for (const zone of zoneIds) if (zone.includes('/')) zoneCities.set(fold(zone.split('/').at(-1)!), zone);
  index = {
    abbreviations: collectAbbreviations(zoneIds, Date.now()),
    cities,
    countries,
    zoneIds,
    zoneCities,
  };
  return index;
}

interface Tier {
  by: ZoneMatch['by'];
  /** Most populous first for cities; population only for cities. */
  entries: { zone: string; label: string; population?: number }[];
}

/**
 * The exact readings of a query, most specific first: each tier lists the zones it can mean. A name
 * the data has (links and legacy names such as CET or EST included) means that zone, as the converter
 * reads it; abbreviations, cities and countries come after.
 */
function exactTiers(query: string, source?: ZoneSource): Tier[] {
  const { abbreviations, cities, countries, zoneCities } = searchIndex();
  const folded = fold(query);
  const tiers: Tier[] = [];
  const iana = safeCanonical(query, source);
  if (iana) tiers.push({ by: 'zone', entries: [{ zone: iana, label: iana }] });
  const offset = offsetZone(query);
  if (offset) tiers.push({ by: 'zone', entries: [offset] });
  const zoneCity = zoneCities.get(folded);
  if (zoneCity && !iana) tiers.push({ by: 'zone', entries: [{ zone: zoneCity, label: zoneCity }] });
  const upper = query.toUpperCase();
  const abbreviation = /^[A-Za-z]{2,6}$/.test(query) ? abbreviations.get(upper) : undefined;
  if (abbreviation)
    tiers.push({
      by: 'abbreviation',
      entries: [...abbreviation].sort().map((zone) => ({ zone, label: upper })),
    });
  const common = COMMON_NAMES[upper];
  if (common) tiers.push({ by: 'abbreviation', entries: [{ zone: common.zone, label: common.label }] });
  const former = FORMER_NAMES[folded];
  const city = cities.get(former ? fold(former) : folded);
  if (city) {
    const byZone = new Map<string, CityEntry[]>();
    for (const entry of city) byZone.set(entry.zone, [...(byZone.get(entry.zone) ?? []), entry]);
    const entries = [...byZone].map(([zone, here]) => ({
      zone,
      label: `${here[0]!.city} (${[...new Set(here.map((entry) => entry.country))].join(', ')})`,
      population: Math.max(...here.map((entry) => entry.population)),
    }));
    tiers.push({ by: 'city', entries: entries.sort((a, b) => b.population - a.population) });
  }
  const country = countries.get(folded);
  if (country)
    tiers.push({
      by: 'country',
      entries: [...country.zones].sort().map((zone) => ({ zone, label: country.country })),
    });
  return tiers;
}

/** A namesake this much smaller than the biggest city of a name is not what people mean (London, Ontario). */
const CLEAR_WINNER = 10;

/** The one zone a reading means: its only zone, or a city's zone with ten times the population of any namesake's. */
function clearChoice(tier: Tier): string | null {
  const [first, second] = tier.entries;
  if (!second) return first?.zone ?? null;
  if (tier.by !== 'city') return null;
  return (first!.population ?? 0) >= CLEAR_WINNER * Math.max(1, second.population ?? 0) ? first!.zone : null;
}

/** Zone ids containing the text and cities starting with it (the search's "did you mean"). */
function partialMatches(query: string): Omit<ZoneMatch, 'offsetNow' | 'abbreviationNow'>[] {
  const folded = fold(query);
  const { cities, zoneIds } = searchIndex();
  const found: Omit<ZoneMatch, 'offsetNow' | 'abbreviationNow'>[] = [];
  for (const zone of zoneIds) if (fold(zone).includes(folded)) found.push({ zone, by: 'zone', label: zone });
  for (const [name, entries] of cities)
    if (name.startsWith(folded))
      for (const entry of entries)
        found.push({ zone: entry.zone, by: 'city', label: `${entry.city} (${entry.country})` });
  return found;
}

/**
 * The zones a search lists for a place of four or more letters with no exact reading ("Ho Chi Minh");
 * a mistyped zone id (Europe/Pari) is corrected only as a suggestion.
 */
function partialZones(query: string): string[] {
  return fold(query).length >= 4 && !query.includes('/')
    ? [...new Set(partialMatches(query).map((match) => match.zone))]
    : [];
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
  // Partial matches of a short word are noise next to an exact reading ("ist" in Boa_Vista beside IST).
  if (fold(query).length >= 4 || (fold(query).length === 3 && tiers.length === 0))
    for (const match of partialMatches(query)) push(match.zone, match.by, match.label);
  let unique: string | null = null;
  try {
    unique = resolveZone(query);
  } catch {
    // Ambiguous or unknown: the matches say what it can mean.
  }
  return { query, matches, unique };
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
  const tiers = exactTiers(query, source);
  // A zone's own name, without its region ("Lord Howe"), or a UTC offset: what the data names.
  if (tiers[0]?.by === 'zone') return tiers[0].entries[0]!.zone;
  if (tiers.length === 0) {
    const partial = partialZones(query);
    if (partial.length === 1) return partial[0]!;
    throw unknownZone(query, source);
  }
  // Every reading (abbreviation, common name, city, country code) must point at the same zone.
  const choices = new Set(tiers.map(clearChoice));
  if (choices.size === 1 && !choices.has(null)) return [...choices][0]!;
  const entries = new Map<string, string>();
  for (const tier of tiers)
    for (const entry of tier.entries) if (!entries.has(entry.zone)) entries.set(entry.zone, entry.label);
  const upper = query.toUpperCase();
  const named12 = [...entries]
    .slice(0, 12)
    .map(([zone, label]) => (label === upper ? zone : `${zone} (${label})`));
  const more = entries.size > 12 ? ` and ${entries.size - 12} more` : '';
  throw new SuiteError(
    'BAD_INPUT',
    `"${query}" can mean ${entries.size} zones: ${named12.join(', ')}${more}. Name one of them.`,
  );
}
