import { ruleDate } from './posix-tz.ts';
import type { DateRule, PosixRule } from './posix-tz.ts';
import { Temporal } from './temporal.ts';
import type { LocalTimeType, TzifData } from './tzif.ts';

const DAY = 86_400;
const EPOCH = Temporal.PlainDate.from('1970-01-01');

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
  const from = times.at(-1)! - 28 * 366 * DAY;
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
  const date = EPOCH.add({ days });
  for (const shift of [0, -1, 1]) {
    const ruleDay = date.add({ days: -shift });
    const time = local - days * DAY + shift * DAY;
    const weeks = [Math.ceil(ruleDay.day / 7), ...(ruleDay.day + 7 > ruleDay.daysInMonth ? [5] : [])];
    for (const week of weeks) {
      const rule: DateRule = {
        kind: 'month-week-day',
        month: ruleDay.month,
        week,
        weekday: ruleDay.dayOfWeek % 7,
        time,
      };
      const fits = instants.every((at) => {
        const year = EPOCH.add({ days: Math.floor((at + offsetBefore) / DAY) - shift }).year;
        const midnight = ruleDate(rule, year).toZonedDateTime('UTC').epochMilliseconds / 1000;
        return midnight + time - offsetBefore === at;
      });
      if (fits) return rule;
    }
  }
  return null;
}

function yearOf(seconds: number): number {
  return EPOCH.add({ days: Math.floor(seconds / DAY) }).year;
}

function key(type: LocalTimeType): string {
  return `${type.offset} ${type.abbreviation} ${type.dst}`;
}
