import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disambiguation } from '../../contract/zone.ts';
import { changesInYear, parsePosixTz, typeAt as ruleTypeAt } from './posix-tz.ts';
import type { PosixRule } from './posix-tz.ts';
import { ambiguityRejected } from './runtime-source.ts';
import { Temporal } from './temporal.ts';
import type { TemporalTypes } from './temporal.ts';
import { parseTzif } from './tzif.ts';
import type { LocalTimeType, TzifData } from './tzif.ts';
import type { RawTransition, Resolution, ZoneSource } from './zone-source.ts';
import { wallAt } from './zoned-time.ts';

const DAY = 86_400_000;
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
  return 'unknown version';
}

interface LoadedZone {
  data: TzifData;
  rule: PosixRule | null;
}

/** The system's compiled tz database (TZif files), which keeps history ICU merged away. */
export function systemSource(dir: string): ZoneSource {
  const cache = new Map<string, LoadedZone | null>();

  function load(zone: string): LoadedZone | null {
    if (cache.has(zone)) return cache.get(zone)!;
    let loaded: LoadedZone | null = null;
    if (SAFE_NAME.test(zone)) {
      try {
        const data = parseTzif(readFileSync(join(dir, zone)));
        loaded = { data, rule: parsePosixTz(data.footer) };
      } catch {
        loaded = null;
      }
    }
    cache.set(zone, loaded);
    return loaded;
  }

  function zoneOrThrow(zone: string): LoadedZone {
    const loaded = load(zone);
    if (!loaded) throw new Error(`no zoneinfo file for ${zone}`);
    return loaded;
  }

  function typeAt(zone: string, epochMilliseconds: number): LocalTimeType {
    const { data, rule } = zoneOrThrow(zone);
    const seconds = Math.floor(epochMilliseconds / 1000);
    const { times, typeIndices, types } = data;
    if (times.length === 0 || seconds < times[0]!)
      return rule && times.length === 0 ? ruleTypeAt(rule, seconds) : types[0]!;
    if (seconds >= times.at(-1)! && rule) return ruleTypeAt(rule, seconds);
    let low = 0;
    let high = times.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (times[middle]! <= seconds) low = middle;
      else high = middle - 1;
    }
    return types[typeIndices[low]!]!;
  }

  function nextTransition(zone: string, afterMilliseconds: number): RawTransition | null {
    const { data, rule } = zoneOrThrow(zone);
    const after = Math.floor(afterMilliseconds / 1000);
    for (let i = 0; i < data.times.length; i++) {
      const at = data.times[i]!;
      if (at <= after) continue;
      const before = typeAt(zone, at * 1000 - 1);
      const next = data.types[data.typeIndices[i]!]!;
      if (differs(before, next)) return { at: at * 1000, before, after: next };
    }
    if (!rule) return null;
    const start = Math.max(after, data.times.at(-1) ?? after);
    const year = Temporal.Instant.fromEpochMilliseconds(start * 1000).toZonedDateTimeISO('UTC').year;
    for (let y = year; y <= Math.min(year + 2, 9999); y++) {
      for (const change of changesInYear(rule, y)) {
        if (change.at <= start) continue;
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
    kind: 'system',
    label: `system (${dir}, tz ${zoneinfoVersion(dir)})`,
    has: (zone) => load(zone) !== null,
    typeAt,
    view: (zone, epochMilliseconds) => {
      const type = typeAt(zone, epochMilliseconds);
      return { type, wall: wallAt(epochMilliseconds, type.offset) };
    },
    resolve,
    nextTransition,
  };
}

function differs(a: LocalTimeType, b: LocalTimeType): boolean {
  return a.offset !== b.offset || a.dst !== b.dst || a.abbreviation !== b.abbreviation;
}
