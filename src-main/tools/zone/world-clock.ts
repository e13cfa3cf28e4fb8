import type { z } from 'zod';
import type { WorldClock, WorldClockEntry, worldClockInput } from '../../contract/zone-planner.ts';
import { zoneData, zoneIn } from './data-source.ts';
import { resolveZone } from './find.ts';
import { formatOffset } from './zoned-time.ts';
import type { ZoneSource } from './zone-source.ts';

const DAY = 86_400_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** How far ahead the next change is looked for: zones without DST say "no change within a year". */
const LOOKAHEAD = 366 * DAY;

/** "+9 h", "−5:30", "same time": a zone's offset from the local one, with a real minus sign. */
export function offsetFromLocal(seconds: number): string {
  if (seconds === 0) return 'same time';
  const sign = seconds < 0 ? '\u2212' : '+';
  const total = Math.abs(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return minutes === 0 ? `${sign}${hours} h` : `${sign}${hours}:${String(minutes).padStart(2, '0')}`;
}

function dayWord(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** Whole days between two local calendar dates (YYYY-MM-DD). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** The viewer's zone; one the data does not know (a browser's odd setting) is read as UTC, and shown as such. */
function localZoneIn(source: ZoneSource, name: string): string {
  try {
    return zoneIn(source, name);
  } catch {
    return zoneIn(source, 'UTC');
  }
}

/** The favourite zones at one instant, each with its offset from the local zone and its next clock change. */
export async function worldClock(
  input: z.output<typeof worldClockInput>,
  now = Date.now(),
): Promise<WorldClock> {
  const source = zoneData(input.tzdata);
  const localZone = localZoneIn(source, input.localZone);
  const local = source.view(localZone, now);
  const localDate = local.wall.toPlainDate().toString();
  const clocks = input.zones.map((name): WorldClockEntry => {
    const zone = zoneIn(source, resolveZone(name, source));
    const { type, wall } = source.view(zone, now);
    const date = wall.toPlainDate().toString();
    const next = source.nextTransition(zone, now);
    const nextChange =
      next && next.at - now <= LOOKAHEAD
        ? {
            at: new Date(next.at).toISOString(),
            offsetAfter: formatOffset(next.after.offset),
            text: `clocks go ${next.after.offset > next.before.offset ? 'forward' : 'back'} ${dayWord(
              daysBetween(date, source.view(zone, next.at).wall.toPlainDate().toString()),
            )}`,
          }
        : null;
    return {
      zone,
      time: wall.toPlainTime().toString().slice(0, 8),
      date,
      weekday: WEEKDAYS[wall.dayOfWeek - 1]!,
      offset: formatOffset(type.offset),
      abbreviation: type.abbreviation,
      fromLocal: offsetFromLocal(type.offset - local.type.offset),
      relativeDay: dayWord(daysBetween(localDate, date)),
      nextChange,
    };
  });
  return { at: now, localZone, clocks, dataSource: source.label };
}
