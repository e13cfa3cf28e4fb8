import type { ZonedTime } from '../../../src-main/contract/zone.ts';

/** "+05:30" or "-00:19:32" to seconds east of UTC. */
function offsetSeconds(offset: string): number {
  const [hours = 0, minutes = 0, seconds = 0] = offset.slice(1).split(':').map(Number);
  return (offset.startsWith('-') ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds);
}

/** "+9 h", "−5:30", "same offset": how far a zone's clock is from another's, with a real minus sign. */
export function offsetDifference(time: ZonedTime, from: ZonedTime): string {
  const delta = offsetSeconds(time.offset) - offsetSeconds(from.offset);
  if (delta === 0) return 'same offset as';
  const total = Math.abs(delta);
  const sign = delta < 0 ? '\u2212' : '+';
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const text =
    seconds !== 0
      ? `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`
      : minutes !== 0
        ? `${hours}:${String(minutes).padStart(2, '0')}`
        : `${hours} h`;
  return `${sign}${text} from`;
}

/** "next day", "previous day", "2 days later", or null on the same calendar date as the From zone. */
export function dayMarker(time: ZonedTime, from: ZonedTime): string | null {
  const days = Math.round(
    (Date.parse(time.wall.slice(0, 10)) - Date.parse(from.wall.slice(0, 10))) / 86_400_000,
  );
  if (days === 0) return null;
  if (days === 1) return 'next day';
  if (days === -1) return 'previous day';
  return days > 0 ? `${days} days later` : `${-days} days earlier`;
}

/** Targets from the westmost offset to the eastmost, as a map reads; ties by name. */
export function byOffset(times: ZonedTime[]): ZonedTime[] {
  return [...times].sort(
    (a, b) => offsetSeconds(a.offset) - offsetSeconds(b.offset) || a.zone.localeCompare(b.zone),
  );
}
