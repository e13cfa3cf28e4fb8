import type { DateRule, PosixRule } from './posix-tz.ts';
import type { LocalTimeType, TzifData } from './tzif.ts';

const DAY = 86_400;

/**
 * The POSIX TZ rule that a zone's last years of transitions follow, as zic writes in a TZif footer:
 * for data that lists transitions up to a horizon (the shipped data stops at 2499) and must go on
 * past it. A zone without changes in its last years keeps its last local time type for good.
 */
export function deriveRule(data: TzifData, horizonYear: number): PosixRule | null {
  const { times, typeIndices, types } = data;
  if (times.length === 0) return null;
  const last = types[typeIndices.at(-1)!]!;
  const fixed: PosixRule = { standard: last, daylight: null, start: null, end: null };
  if (yearOf(times.at(-1)!) < horizonYear - 1) return fixed;
  const from = times.at(-1)! - 12 * 366 * DAY;
  const recent = times.flatMap((at, i) => (at > from ? [{ at, type: types[typeIndices[i]!]! }] : []));
  const kinds = [...new Map(recent.map(({ type }) => [key(type), type])).values()];
  if (kinds.length !== 2) return fixed;
  const [first, second] = kinds as [LocalTimeType, LocalTimeType];
  const daylight = second.dst && !first.dst ? second : first;
  const standard = daylight === first ? second : first;
  const start = dateRule(
    recent.filter(({ type }) => key(type) === key(daylight)).map(({ at }) => at),
    standard.offset,
  );
  const end = dateRule(
    recent.filter(({ type }) => key(type) === key(standard)).map(({ at }) => at),
    daylight.offset,
  );
  return start && end ? { standard, daylight, start, end } : fixed;
}

/** The month-week-weekday rule (with a time that may pass midnight) that gives every one of these instants. */
function dateRule(instants: number[], offsetBefore: number): DateRule | null {
  if (instants.length < 2) return null;
  const local = instants[0]! + offsetBefore;
  const days = Math.floor(local / DAY);
  for (const shift of [0, -1, 1]) {
    const ruleDay = civil(days - shift);
    const time = local - days * DAY + shift * DAY;
    const weeks = [
      Math.ceil(ruleDay.day / 7),
      ...(ruleDay.day + 7 > daysInMonth(ruleDay.year, ruleDay.month) ? [5] : []),
    ];
    for (const week of weeks) {
      const rule: DateRule = {
        kind: 'month-week-day',
        month: ruleDay.month,
        week,
        weekday: ruleDay.weekday,
        time,
      };
      const fits = instants.every((at) => {
        const year = civil(Math.floor((at + offsetBefore) / DAY) - shift).year;
        return monthWeekDay(year, rule) * DAY + time - offsetBefore === at;
      });
      if (fits) return rule;
    }
  }
  return null;
}

/**
 * Plain date arithmetic for the years the derivation looks at (2470-2499): this runs for every zone
 * the first time it is used, where Temporal's objects cost a quarter of a second for all zones.
 */
function civil(epochDays: number): { year: number; month: number; day: number; weekday: number } {
  const date = new Date(epochDays * DAY * 1000);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  };
}

function firstOfMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, 1);
  return Math.round(date.getTime() / (DAY * 1000));
}

function daysInMonth(year: number, month: number): number {
  return firstOfMonth(year, month + 1) - firstOfMonth(year, month);
}

/** Epoch day of an Mm.w.d rule's date: week 5 is the last such weekday (as ruleDate in posix-tz). */
function monthWeekDay(year: number, rule: Extract<DateRule, { kind: 'month-week-day' }>): number {
  const first = firstOfMonth(year, rule.month);
  const firstWeekday = (((first + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4).
  let day = 1 + ((rule.weekday - firstWeekday + 7) % 7) + (rule.week - 1) * 7;
  while (day > daysInMonth(year, rule.month)) day -= 7;
  return first + day - 1;
}

function yearOf(seconds: number): number {
  return civil(Math.floor(seconds / DAY)).year;
}

function key(type: LocalTimeType): string {
  return `${type.offset} ${type.abbreviation} ${type.dst}`;
}
