import type { ZonedTime } from '../../contract/zone.ts';
import { Temporal } from './temporal.ts';
import type { ZoneSource } from './zone-source.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "+05:30", "-03:00", or "+00:19:32" when the offset has seconds (as Temporal writes it). */
export function formatOffset(seconds: number, separator = ':'): string {
  const sign = seconds < 0 ? '-' : '+';
  const total = Math.abs(seconds);
  const parts = [Math.floor(total / 3600), Math.floor((total % 3600) / 60)];
  if (total % 60 !== 0) parts.push(total % 60);
  return sign + parts.map((part) => String(part).padStart(2, '0')).join(separator);
}

/** The wall clock at an instant for a given offset, computed by Temporal. */
export function wallAt(epochMilliseconds: number, offsetSeconds: number) {
  // Offset added to the wall clock, not the instant: the last instant Temporal knows plus +10:00 is
  // still a wall time it can hold.
  return Temporal.Instant.fromEpochMilliseconds(epochMilliseconds)
    .toZonedDateTimeISO('UTC')
    .toPlainDateTime()
    .add({ seconds: offsetSeconds });
}

/** An instant as seen in a zone: wall time, offset, abbreviation, DST and every notation. */
export function zonedTime(
  source: ZoneSource,
  zone: string,
  epochMilliseconds: number,
  requestedAs: string | null = null,
): ZonedTime {
  const { type, wall } = source.view(zone, epochMilliseconds);
  const offset = formatOffset(type.offset);
  const two = (value: number) => String(value).padStart(2, '0');
  const clock = `${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)}`;
  const date = wall.toPlainDate().toString();
  // RFC 2822 offsets are ±hhmm; an offset with seconds cannot be written, so such a time is given in UTC.
  const rfcWall = type.offset % 60 === 0 ? wall : wallAt(epochMilliseconds, 0);
  const rfcOffset = type.offset % 60 === 0 ? formatOffset(type.offset, '') : '+0000';
  const rfc2822 = `${WEEKDAYS[rfcWall.dayOfWeek - 1]!.slice(0, 3)}, ${two(rfcWall.day)} ${MONTHS[rfcWall.month - 1]} ${rfcWall.year} ${two(rfcWall.hour)}:${two(rfcWall.minute)}:${two(rfcWall.second)} ${rfcOffset}`;
  return {
    zone,
    requestedAs: requestedAs && requestedAs !== zone ? requestedAs : null,
    wall: `${date} ${clock}${wall.millisecond ? `.${String(wall.millisecond).padStart(3, '0')}` : ''}`,
    weekday: WEEKDAYS[wall.dayOfWeek - 1]!,
    offset,
    abbreviation: type.abbreviation,
    dst: type.dst,
    iso: `${wall.toString()}${offset}[${zone}]`,
    unixSeconds: Math.floor(epochMilliseconds / 1000),
    unixMilliseconds: epochMilliseconds,
    rfc2822,
  };
}
