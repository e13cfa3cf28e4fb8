import { ambiguityRejected } from './ambiguity-error.ts';
import type { Disambiguation } from '../../contract/zone.ts';
import { Temporal } from './temporal.ts';
import type { TemporalTypes } from './temporal.ts';
import type { LocalTimeType } from './tzif.ts';
import type { RawTransition, Resolution, ZoneSource } from './zone-source.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function abbreviationAt(zone: string, epochMilliseconds: number): string {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    formatters.set(zone, formatter);
  }
  // "6/15/2026, EDT": the name is the last word (en-US short names have no spaces), and format()
  // costs half of what formatToParts() does, which counts when every zone is converted at once.
  const text = formatter.format(epochMilliseconds);
  return text.slice(text.lastIndexOf(' ') + 1);
}

function offsetAt(zone: string, epochMilliseconds: number): number {
  return (
    Temporal.Instant.fromEpochMilliseconds(epochMilliseconds).toZonedDateTimeISO(zone).offsetNanoseconds / 1e9
  );
}

const standardOffsets = new Map<string, number>();
const knownZones = new Map<string, boolean>();

/** 1 January or 1 July of a year as Unix milliseconds (Date.UTC reads years 0-99 as 1900-1999). */
function dayOfYear(year: number, month: 0 | 6): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 1);
  return date.getTime();
}

/**
 * ICU does not say which offsets are daylight time. Where tz data with DST flags has the same offset
 * at that instant, its flag (tzdata's definition) holds; otherwise the smaller of the offsets on
 * 1 January and 1 July of that year is taken as standard time, and anything above it as DST.
 */
function isDaylight(
  flags: ZoneSource | null,
  zone: string,
  epochMilliseconds: number,
  offset: number,
): boolean {
  if (flags?.has(zone)) {
    const type = flags.typeAt(zone, epochMilliseconds);
    if (type.offset === offset) return type.dst;
  }
  const year = new Date(epochMilliseconds).getUTCFullYear();
  const key = `${zone} ${year}`;
  let standard = standardOffsets.get(key);
  if (standard === undefined) {
    standard = Math.min(offsetAt(zone, dayOfYear(year, 0)), offsetAt(zone, dayOfYear(year, 6)));
    standardOffsets.set(key, standard);
  }
  return offset > standard;
}

/**
 * The runtime's own zone data, through Temporal; `flags` is tz data whose DST flags stand in for
 * the ones ICU lacks (the shipped data).
 */
export function runtimeSource(flags: ZoneSource | null = null): ZoneSource {
  /** One Temporal conversion gives both the offset and the wall clock. */
  function view(zone: string, epochMilliseconds: number) {
    const zoned = Temporal.Instant.fromEpochMilliseconds(epochMilliseconds).toZonedDateTimeISO(zone);
    const offset = zoned.offsetNanoseconds / 1e9;
    const type: LocalTimeType = {
      offset,
      abbreviation: abbreviationAt(zone, epochMilliseconds),
      dst: isDaylight(flags, zone, epochMilliseconds, offset),
    };
    return { type, wall: zoned.toPlainDateTime() };
  }

  function typeAt(zone: string, epochMilliseconds: number): LocalTimeType {
    return view(zone, epochMilliseconds).type;
  }

  return {
    kind: 'runtime',
    label: `runtime (ICU ${process.versions.icu ?? 'unknown'}, tz ${process.versions.tz ?? 'unknown'})`,
    version: process.versions.tz ?? 'unknown',
    names: () => new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone, zone])),
    has(zone) {
      let known = knownZones.get(zone);
      if (known === undefined) {
        try {
          Temporal.Now.zonedDateTimeISO(zone);
          known = true;
        } catch {
          known = false;
        }
        knownZones.set(zone, known);
      }
      return known;
    },
    typeAt,
    view,
    resolve(zone: string, wall: TemporalTypes.PlainDateTime, disambiguation: Disambiguation): Resolution {
      const at = (choice: 'earlier' | 'later') => wall.toZonedDateTime(zone, { disambiguation: choice });
      const earlier = at('earlier');
      const later = at('later');
      const status =
        earlier.epochNanoseconds === later.epochNanoseconds
          ? 'unique'
          : earlier.toPlainDateTime().equals(wall)
            ? 'overlap'
            : 'gap';
      if (status !== 'unique' && disambiguation === 'reject') throw ambiguityRejected(status);
      const chosen = disambiguation === 'reject' ? earlier : wall.toZonedDateTime(zone, { disambiguation });
      return {
        epochMilliseconds: chosen.epochMilliseconds,
        status,
        earlier: earlier.epochMilliseconds,
        later: later.epochMilliseconds,
      };
    },
    nextTransition(zone, afterMilliseconds): RawTransition | null {
      const next = Temporal.Instant.fromEpochMilliseconds(afterMilliseconds)
        .toZonedDateTimeISO(zone)
        .getTimeZoneTransition('next');
      if (!next) return null;
      return {
        at: next.epochMilliseconds,
        before: typeAt(zone, next.epochMilliseconds - 1),
        after: typeAt(zone, next.epochMilliseconds),
      };
    },
  };
}
