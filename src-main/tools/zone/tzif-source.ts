import type { Disambiguation } from '../../contract/zone.ts';
import { changesInYear, typeAt as ruleTypeAt } from './posix-tz.ts';
import type { PosixRule } from './posix-tz.ts';
import { ambiguityRejected } from './ambiguity-error.ts';
import { Temporal } from './temporal.ts';
import type { TemporalTypes } from './temporal.ts';
import type { LocalTimeType, TzifData } from './tzif.ts';
import type { RawTransition, Resolution, SourceKind, ZoneSource } from './zone-source.ts';
import { wallAt } from './zoned-time.ts';

const DAY = 86_400_000;

/** A zone's compiled data: its transitions and the rule that continues them (a TZif footer). */
export interface ZoneRules {
  data: TzifData;
  rule: PosixRule | null;
}

export interface TzifSourceOptions {
  kind: SourceKind;
  label: string;
  version: string;
  /** The zone's compiled data, or null when this source has no such zone. */
  load(zone: string): ZoneRules | null;
  /** Every name this source answers to, as the data spells it, with the zone it means. */
  names(): Map<string, string>;
}

/**
 * The one engine for compiled tz data (TZif or the same shape built from shipped data): local time
 * types from the transitions, then from the POSIX TZ rule past the last one, for any year Temporal
 * accepts; wall-time resolution exactly as Temporal's GetPossibleEpochNanoseconds and
 * DisambiguatePossibleEpochNanoseconds define it.
 */
export function tzifSource(options: TzifSourceOptions): ZoneSource {
  const cache = new Map<string, ZoneRules | null>();

  function rulesOf(zone: string): ZoneRules {
    if (!cache.has(zone)) cache.set(zone, options.load(zone));
    const loaded = cache.get(zone);
    if (!loaded) throw new Error(`no data for ${zone}`);
    return loaded;
  }

  function typeAt(zone: string, epochMilliseconds: number): LocalTimeType {
    const { data, rule } = rulesOf(zone);
    const seconds = Math.floor(epochMilliseconds / 1000);
    const { times, typeIndices, types } = data;
    if (times.length === 0) return rule ? ruleTypeAt(rule, seconds) : types[0]!;
    if (seconds < times[0]!) return types[0]!;
    if (seconds >= times.at(-1)! && rule) return ruleTypeAt(rule, seconds);
    return types[typeIndices[lastAtOrBefore(times, seconds)]!]!;
  }

  function nextTransition(zone: string, afterMilliseconds: number): RawTransition | null {
    const { data, rule } = rulesOf(zone);
    const after = Math.floor(afterMilliseconds / 1000);
    const { times } = data;
    // Binary search to the first transition after the instant, then skip those that change nothing.
    for (
      let i = times.length === 0 || after < times[0]! ? 0 : lastAtOrBefore(times, after) + 1;
      i < times.length;
      i++
    ) {
      const at = times[i]!;
      const before = typeAt(zone, at * 1000 - 1);
      const next = data.types[data.typeIndices[i]!]!;
      if (differs(before, next)) return { at: at * 1000, before, after: next };
    }
    if (!rule?.daylight) return null;
    const start = Math.max(after, times.at(-1) ?? after);
    const year = Temporal.Instant.fromEpochMilliseconds(start * 1000).toZonedDateTimeISO('UTC').year;
    for (let y = year; y <= year + 2; y++) {
      for (const change of changesInYear(rule, y)) {
        if (change.at <= start) continue;
        if (Math.abs(change.at * 1000) > LIMIT_MS) return null;
        const before = typeAt(zone, change.at * 1000 - 1);
        if (differs(before, change.type)) return { at: change.at * 1000, before, after: change.type };
      }
    }
    return null;
  }

  /** Readings of a wall time whose offset is consistent (Temporal's GetPossibleEpochNanoseconds). */
  function possible(zone: string, wallUtc: number): number[] {
    const offsets = new Set([typeAt(zone, wallUtc - DAY).offset, typeAt(zone, wallUtc + DAY).offset]);
    return [...offsets]
      .map((offset) => wallUtc - offset * 1000)
      .filter((candidate) => typeAt(zone, candidate).offset * 1000 === wallUtc - candidate)
      .sort((a, b) => a - b);
  }

  function resolve(
    zone: string,
    wall: TemporalTypes.PlainDateTime,
    disambiguation: Disambiguation,
  ): Resolution {
    const wallUtc = wall.toZonedDateTime('UTC').epochMilliseconds;
    const found = possible(zone, wallUtc);
    if (found.length === 1)
      return { epochMilliseconds: found[0]!, status: 'unique', earlier: found[0]!, later: found[0]! };
    let earlier: number;
    let later: number;
    let status: Resolution['status'];
    if (found.length > 1) {
      status = 'overlap';
      [earlier, later] = [found[0]!, found.at(-1)!];
    } else {
      // A gap: step back or forward by its length (Temporal's DisambiguatePossibleEpochNanoseconds).
      status = 'gap';
      const gap = (typeAt(zone, wallUtc + DAY).offset - typeAt(zone, wallUtc - DAY).offset) * 1000;
      earlier = possible(zone, wallUtc - gap)[0]!;
      later = possible(zone, wallUtc + gap).at(-1)!;
    }
    if (disambiguation === 'reject') throw ambiguityRejected(status);
    const chosen =
      disambiguation === 'later' || (disambiguation === 'compatible' && status === 'gap') ? later : earlier;
    return { epochMilliseconds: chosen, status, earlier, later };
  }

  return {
    kind: options.kind,
    label: options.label,
    version: options.version,
    has: (zone) => {
      if (!cache.has(zone)) cache.set(zone, options.load(zone));
      return cache.get(zone) !== null;
    },
    names: options.names,
    typeAt,
    view: (zone, epochMilliseconds) => {
      const type = typeAt(zone, epochMilliseconds);
      return { type, wall: wallAt(epochMilliseconds, type.offset) };
    },
    resolve,
    nextTransition,
  };
}

/** Temporal's limit: 10⁸ days either side of 1970. */
const LIMIT_MS = 8.64e15;

/** Index of the last time at or before `seconds` (the caller checks that times[0] <= seconds). */
function lastAtOrBefore(times: number[], seconds: number): number {
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (times[middle]! <= seconds) low = middle;
    else high = middle - 1;
  }
  return low;
}

function differs(a: LocalTimeType, b: LocalTimeType): boolean {
  return a.offset !== b.offset || a.dst !== b.dst || a.abbreviation !== b.abbreviation;
}
