import { SuiteError } from '../../core/suite-error.ts';
import { Temporal } from './temporal.ts';
import type { TemporalTypes } from './temporal.ts';
import type { ZoneSource } from './zone-source.ts';

/** Everything the time field reads, for the one-line error. */
export const ACCEPTED_TIMES =
  'Use now, tomorrow 15:00, in 90 minutes, next Monday 9am, 3:30 pm, 2017-03-11 11:30, ISO-8601 (2017-03-11T11:30:00Z), a Unix time (1489199400) or RFC 2822 (Sat, 11 Mar 2017 11:30:00 +0900).';

/** What a phrase means, as text the converter already reads: an instant in UTC or a wall time in the zone. */
export interface NaturalReading {
  time: string;
  /** How it was read, in words: "tomorrow 15:00" → 2026-12-02 15:00 in Europe/Berlin. */
  reading: string;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const UNITS: Record<string, 'minutes' | 'hours' | 'days' | 'weeks'> = {
  m: 'minutes',
  min: 'minutes',
  mins: 'minutes',
  minute: 'minutes',
  minutes: 'minutes',
  h: 'hours',
  hr: 'hours',
  hrs: 'hours',
  hour: 'hours',
  hours: 'hours',
  d: 'days',
  day: 'days',
  days: 'days',
  week: 'weeks',
  weeks: 'weeks',
};

const TIME = String.raw`(noon|midnight|(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|(\d{1,2}):(\d{2}))`;
const DAY = String.raw`(today|tomorrow|yesterday|(?:(next|this)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)|(\d{4}-\d{2}-\d{2}))`;
const DAY_THEN_TIME = new RegExp(String.raw`^${DAY}(?:\s+(?:at\s+)?${TIME})?$`);
const TIME_THEN_DAY = new RegExp(String.raw`^(?:at\s+)?${TIME}(?:\s+${DAY})?$`);
const RELATIVE = /^(?:in\s+(an?|\d+)\s*([a-z]+)|(an?|\d+)\s*([a-z]+)\s+ago)$/;

const two = (value: number) => String(value).padStart(2, '0');
const wallText = (wall: TemporalTypes.PlainDateTime) =>
  `${wall.toPlainDate().toString()} ${two(wall.hour)}:${two(wall.minute)}`;

/** "3pm", "12:30 am", "noon", "15:00" → hour and minute; a 12-hour clock past 12 is refused. */
function clock(groups: (string | undefined)[]): { hour: number; minute: number } {
  const [word, hour12, minute12, meridiem, hour24, minute24] = groups;
  if (word === 'noon') return { hour: 12, minute: 0 };
  if (word === 'midnight') return { hour: 0, minute: 0 };
  if (meridiem) {
    const hour = Number(hour12);
    if (hour < 1 || hour > 12)
      throw new SuiteError(
        'BAD_INPUT',
        `"${word}" is not a 12-hour time: hours run from 1 to 12 with am or pm.`,
      );
    const pm = meridiem.startsWith('p');
    return { hour: (hour % 12) + (pm ? 12 : 0), minute: Number(minute12 ?? 0) };
  }
  return { hour: Number(hour24), minute: Number(minute24) };
}

/** The date a day word means, seen from today's date in the zone. */
function dateOf(groups: (string | undefined)[], today: TemporalTypes.PlainDate): TemporalTypes.PlainDate {
  const [word, nextOrThis, weekdayName, isoDate] = groups;
  if (isoDate) return Temporal.PlainDate.from(isoDate);
  if (word === 'today') return today;
  if (word === 'tomorrow') return today.add({ days: 1 });
  if (word === 'yesterday') return today.add({ days: -1 });
  const weekday = WEEKDAYS.findIndex((name) => name.startsWith(weekdayName!)) + 1;
  // "Monday" and "this Monday": today if it is Monday, else the coming one; "next Monday": 1 to 7 days on.
  const ahead = (weekday - today.dayOfWeek + 7) % 7;
  return today.add({ days: nextOrThis === 'next' && ahead === 0 ? 7 : ahead });
}

/**
 * Reads what people type about time, relative to `now` in `zone`: "now", "in 90 minutes",
 * "tomorrow 15:00", "next Monday 9am", "3:30 pm". Null when the text is none of these (the converter's
 * own formats are tried then). Minutes and hours move exact time; days and weeks move the wall clock.
 */
export function readNatural(
  text: string,
  zone: string,
  source: ZoneSource,
  now: number,
): NaturalReading | null {
  const said = text.trim();
  const phrase = said.toLowerCase().replace(/\s+/g, ' ');
  const { wall: nowWall } = source.view(zone, now);
  const instantText = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toString();
  if (phrase === 'now') return { time: instantText(now), reading: `"${said}" → ${instantText(now)}` };

  const relative = RELATIVE.exec(phrase);
  if (relative) {
    const [, inCount, inUnit, agoCount, agoUnit] = relative;
    const countText = inCount ?? agoCount!;
    const unit = UNITS[inUnit ?? agoUnit!];
    if (!unit) return null;
    const count = (/^an?$/.test(countText) ? 1 : Number(countText)) * (agoCount ? -1 : 1);
    if (Math.abs(count) > 1_000_000)
      throw new SuiteError(
        'BAD_INPUT',
        `"${text.trim()}" is too far away; ask for at most a million ${unit}.`,
      );
    if (unit === 'minutes' || unit === 'hours') {
      const ms = now + count * (unit === 'minutes' ? 60_000 : 3_600_000);
      return { time: instantText(ms), reading: `"${said}" → ${instantText(ms)}` };
    }
    const moved = nowWall.add({ days: count * (unit === 'weeks' ? 7 : 1) });
    return { time: wallText(moved), reading: `"${said}" → ${wallText(moved)} in ${zone}` };
  }

  const dayFirst = DAY_THEN_TIME.exec(phrase);
  const timeFirst = dayFirst ? null : TIME_THEN_DAY.exec(phrase);
  if (!dayFirst && !timeFirst) return null;
  const dayGroups = dayFirst ? dayFirst.slice(1, 5) : timeFirst!.slice(7, 11);
  const timeGroups = dayFirst ? dayFirst.slice(5, 11) : timeFirst!.slice(1, 7);
  // A bare ISO date is the converter's own format (midnight); only a date with a 12-hour time is ours.
  if (dayFirst && dayGroups[3] && !timeGroups[0]) return null;
  if (dayFirst && dayGroups[3] && timeGroups[4]) return null;
  const date = dayGroups[0] ? dateOf(dayGroups, nowWall.toPlainDate()) : nowWall.toPlainDate();
  const { hour, minute } = timeGroups[0] ? clock(timeGroups) : { hour: 0, minute: 0 };
  if (hour > 23 || minute > 59)
    throw new SuiteError('BAD_INPUT', `${two(hour)}:${two(minute)} is not a time of day. ${ACCEPTED_TIMES}`);
  const wall = date.toPlainDateTime({ hour, minute });
  return { time: wallText(wall), reading: `"${said}" → ${wallText(wall)} in ${zone}` };
}
