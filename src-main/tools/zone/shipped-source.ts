import packed from 'moment-timezone/data/packed/latest.json' with { type: 'json' };
import momentPackage from 'moment-timezone/package.json' with { type: 'json' };
import tzdataRules from 'tzdata/timezone-data.json' with { type: 'json' };
import { deriveRule } from './derive-rule.ts';
import type { LocalTimeType, TzifData } from './tzif.ts';
import { tzifSource } from './tzif-source.ts';
import type { ZoneRules } from './tzif-source.ts';
import type { ZoneSource } from './zone-source.ts';

/** moment-timezone's packed data lists transitions up to this year; a derived POSIX rule goes on from there. */
const HORIZON_YEAR = 2499;
const YEAR_MS = 366 * 86_400_000;
const DAY_SECONDS = 86_400;

/** Base 60 as moment-timezone packs it: 0-9, a-z, A-X, with a fraction after a dot. */
function base60(text: string): number {
  const digit = (code: number) => (code > 96 ? code - 87 : code > 64 ? code - 29 : code - 48);
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  let value = 0;
  for (const char of whole) value = value * 60 + digit(char.charCodeAt(0));
  let scale = 1;
  for (const char of fraction) value += digit(char.charCodeAt(0)) * (scale /= 60);
  return negative ? -value : value;
}

interface Period {
  offset: number;
  abbreviation: string;
}

/** One packed zone, "name|abbreviations|offsets|indices|untils|population", as periods and their starts. */
function unpack(line: string): { periods: Period[]; starts: number[] } {
  const [, abbreviations = '', offsets = '', indices = '', untils = ''] = line.split('|');
  const abbreviationList = abbreviations.split(' ');
  // Minutes west of Greenwich (LMT with a fraction for its seconds) to seconds east.
  const offsetList = offsets.split(' ').map((text) => 0 - Math.round(base60(text) * 60) + 0);
  const periods = [...indices].map((char) => {
    const index = base60(char);
    return { offset: offsetList[index]!, abbreviation: abbreviationList[index]! };
  });
  let at = 0;
  const starts = untils
    .split(' ')
    .filter(Boolean)
    .map((text) => Math.round((at += base60(text) * 60_000) / 1000));
  return { periods, starts };
}

type RuleLine = (string | string[])[];
type ZoneLine = [string, string, string, string | null];

interface StandardLine {
  /** Standard offset, seconds east. */
  standard: number;
  /** Unix milliseconds the line runs until, as tzdata's JSON gives it (wall clock read as UTC). */
  until: number;
  /** The end is a year only ("until 1990"), which the JSON writes as 31 December: read as 1 January. */
  yearOnly: boolean;
  /** Daylight saving amounts this line can use, in seconds (0 always). */
  saves: Set<number>;
  /** The abbreviations the line's FORMAT can write ("C%sT": CST, CDT…; "%z": numeric). */
  format: RegExp;
}

const clock = (text: string) => {
  const [hours = 0, minutes = 0] = text.replace('-', '').split(':').map(Number);
  return (text.startsWith('-') ? -1 : 1) * (hours * 3600 + minutes * 60);
};

/** A zone line's FORMAT as a pattern: "CST/CDT" either, "C%sT" any rule letters, "%z" a numeric one. */
function formatPattern(format: string): RegExp {
  const one = (part: string) =>
    part
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace('%s', '[A-Za-z]*')
      .replace('%z', '[+-]\\d{2,6}');
  return new RegExp(`^(?:${format.split('/').map(one).join('|')})$`);
}

/** A zone's lines from tzdata's JSON rules: which standard offset held when, and which saves its rules use. */
function standardLines(zone: string): StandardLine[] | null {
  const zones = tzdataRules.zones as unknown as Record<string, ZoneLine[] | string>;
  const rules = tzdataRules.rules as unknown as Record<string, RuleLine[]>;
  let lines = zones[zone];
  while (typeof lines === 'string') lines = zones[lines];
  if (!lines) return null;
  return lines.map(([standard, rule, format, until]) => {
    const saves = new Set([0]);
    if (/^-?\d+:\d+$/.test(rule)) saves.add(clock(rule));
    else for (const line of rules[rule] ?? []) saves.add(Number(line[6]) * 60);
    const end = until === null ? Infinity : Number(until);
    const yearOnly = Number.isFinite(end) && /-12-31T00:00:00/.test(new Date(end).toISOString());
    return {
      standard: -Math.round(Number(standard) * 60),
      until: yearOnly ? Date.UTC(new Date(end).getUTCFullYear(), 0, 1) : end,
      yearOnly,
      saves,
      format: formatPattern(format),
    };
  });
}

/**
 * zic's rule where tzdata's lines do not describe a period (the offsets come from newer tz data than
 * the flags, or a line's end is rough): a period is DST when its offset exceeds the standard offset of
 * its era, the smaller offset of the periods around it; one that lasts for good (or over a year) is
 * the era's standard time itself.
 */
function derivedFlag(periods: Period[], starts: number[], i: number): boolean {
  const end = starts[i];
  if (end === undefined || end - starts[i - 1]! > YEAR_MS / 1000) return false;
  const neighbours = [periods[i - 1], periods[i + 1]].filter((period) => period !== undefined);
  return neighbours.every((period) => period.offset < periods[i]!.offset);
}

/**
 * Whether a period is daylight saving time as tzdata defines it: its offset differs from the
 * standard offset of the zone line in force (Dublin's winter GMT, with a negative save, is DST).
 * The packed data has no such flag, so tzdata's own zone lines and rules decide, when a line near
 * the period can write both its save and its abbreviation (the JSON gives lines' ends only
 * roughly); where none can, the flag is derived from the offsets alone.
 */
function daylightFlags(zone: string, periods: Period[], starts: number[]): boolean[] {
  const lines = standardLines(zone);
  return periods.map((period, i) => {
    if (i === 0 || !lines) return false;
    const start = starts[i - 1]! * 1000;
    const end = i < starts.length ? starts[i]! * 1000 : start + YEAR_MS;
    const middle = (start + end) / 2;
    const at = lines.findIndex((line) => middle < line.until);
    // The line in force, then its neighbours (two either side: the JSON's rough ends can be out of
    // order, Chihuahua 1998) when their ends are within a year of this period.
    const nearby = [at, at - 1, at + 1, at - 2, at + 2].filter(
      (index) =>
        index >= 0 &&
        index < lines.length &&
        (index === 0 ? -Infinity : lines[index - 1]!.until) < end + YEAR_MS &&
        lines[index]!.until > start - YEAR_MS,
    );
    const fitting = nearby.find(
      (index) =>
        lines[index]!.saves.has(period.offset - lines[index]!.standard) &&
        lines[index]!.format.test(period.abbreviation),
    );
    return fitting === undefined
      ? derivedFlag(periods, starts, i)
      : period.offset !== lines[fitting]!.standard;
  });
}

/**
 * The packed data merges periods whose offset and abbreviation stay the same while the DST flag
 * changes (Argentina 1999, Russia 1991: standard time and DST one hour apart swapped roles). Where a
 * zone line ends inside such a period and the standard offset changes, the period is split there;
 * the line's end is wall-clock time, so the instant is that end read at the period's offset.
 */
function splitAtLineEnds(zone: string, unpacked: { periods: Period[]; starts: number[] }) {
  const lines = standardLines(zone);
  if (!lines) return unpacked;
  // Line ends where the standard offset changes, skipping the JSON's rough ones: a year-only end
  // reads as 31 December there, and suffixes are dropped, so only ends well inside a period count.
  const ends = lines
    .slice(0, -1)
    .flatMap((line, k) =>
      line.standard !== lines[k + 1]!.standard && !line.yearOnly
        ? [{ wall: Math.round(line.until / 1000), before: line.standard, after: lines[k + 1]!.standard }]
        : [],
    );
  const periods: Period[] = [unpacked.periods[0]!];
  const starts: number[] = [];
  unpacked.periods.slice(1).forEach((period, index) => {
    const start = unpacked.starts[index]!;
    const end = unpacked.starts[index + 1] ?? Infinity;
    starts.push(start);
    periods.push(period);
    for (const lineEnd of ends) {
      const at = lineEnd.wall - period.offset;
      const flips = (period.offset !== lineEnd.before) !== (period.offset !== lineEnd.after);
      if (flips && at > start + DAY_SECONDS && at < end - DAY_SECONDS) {
        starts.push(at);
        periods.push({ ...period });
      }
    }
  });
  return { periods, starts };
}

function zoneRules(name: string, line: string): ZoneRules {
  const { periods, starts } = splitAtLineEnds(name, unpack(line));
  const flags = daylightFlags(name, periods, starts);
  const types: LocalTimeType[] = periods.map((period, i) => ({ ...period, dst: flags[i]! }));
  const data: TzifData = {
    times: starts.slice(0, periods.length - 1),
    typeIndices: types.slice(1).map((_, i) => i + 1),
    types,
    footer: '',
  };
  return { data, rule: deriveRule(data, HORIZON_YEAR) };
}

let packedByName: Map<string, string> | undefined;
let names: Map<string, string> | undefined;

/** Every name the packed data answers to (zones and links), with its packed line. */
function packedZones(): Map<string, string> {
  if (packedByName) return packedByName;
  packedByName = new Map(packed.zones.map((line) => [line.slice(0, line.indexOf('|')), line]));
  for (const link of packed.links) {
    const [target = '', alias = ''] = link.split('|');
    packedByName.set(alias, packedByName.get(target)!);
  }
  return packedByName;
}

/**
 * Canonical names as IANA defines them. The packed data files identical zones under one name,
 * sometimes a link's (Europe/Kiev for Europe/Kyiv); tzdata's JSON says which names are zones.
 */
function shippedNames(): Map<string, string> {
  if (names) return names;
  const zones = tzdataRules.zones as unknown as Record<string, unknown>;
  const resolveLink = (name: string) => {
    let target: unknown = name;
    for (let hops = 0; typeof zones[target as string] === 'string' && hops < 5; hops++)
      target = zones[target as string];
    return typeof target === 'string' && packedZones().has(target) ? target : null;
  };
  names = new Map();
  const packedName = (name: string) =>
    packedZones().get(name)!.slice(0, packedZones().get(name)!.indexOf('|'));
  for (const name of packedZones().keys()) {
    const isZone = Array.isArray(zones[name]);
    names.set(name, isZone ? name : (resolveLink(name) ?? packedName(name)));
  }
  return names;
}
export const SHIPPED_VERSION = packed.version;

/**
 * The tz database shipped with the app: moment-timezone's compiled data (every zone's transitions,
 * offsets and abbreviations up to 2499, and the backward links), updated by `npm update`, with the
 * DST flag taken from tzdata's zone lines and rules. Serves where the system has no zoneinfo (Windows).
 */
export function shippedSource(): ZoneSource {
  return tzifSource({
    kind: 'shipped',
    label: `shipped (moment-timezone ${momentPackage.version}, tz ${packed.version})`,
    version: packed.version,
    load(zone) {
      const line = packedZones().get(zone);
      return line ? zoneRules(zone, line) : null;
    },
    names: shippedNames,
  });
}
