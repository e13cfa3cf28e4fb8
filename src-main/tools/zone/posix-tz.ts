import { Temporal } from './temporal.ts';
import type { LocalTimeType } from './tzif.ts';

/**
 * A POSIX TZ rule such as "EST5EDT,M3.2.0,M11.1.0", as found in TZif footers (RFC 8536 section 3.3):
 * the zone's behaviour after its last listed transition.
 */
export interface PosixRule {
  standard: LocalTimeType;
  daylight: LocalTimeType | null;
  start: DateRule | null;
  end: DateRule | null;
}

export type DateRule =
  | { kind: 'julian-no-leap'; day: number; time: number }
  | { kind: 'julian'; day: number; time: number }
  | { kind: 'month-week-day'; month: number; week: number; weekday: number; time: number };

class Reader {
  text: string;
  at = 0;
  constructor(text: string) {
    this.text = text;
  }
  match(pattern: RegExp): string | null {
    const found = pattern.exec(this.text.slice(this.at));
    if (!found || found.index !== 0) return null;
    this.at += found[0].length;
    return found[0];
  }
}

function readName(reader: Reader): string | null {
  const quoted = reader.match(/^<[^>]*>/);
  if (quoted) return quoted.slice(1, -1);
  return reader.match(/^[A-Za-z]{3,}/);
}

/** [+-]hh[:mm[:ss]] in seconds. */
function readDuration(reader: Reader): number | null {
  const text = reader.match(/^[+-]?\d{1,3}(:\d{1,2}(:\d{1,2})?)?/);
  if (text === null) return null;
  const sign = text.startsWith('-') ? -1 : 1;
  const [hours = 0, minutes = 0, seconds = 0] = text.replace(/^[+-]/, '').split(':').map(Number);
  return sign * (hours * 3600 + minutes * 60 + seconds);
}

function readDateRule(reader: Reader): DateRule | null {
  if (!reader.match(/^,/)) return null;
  let rule: DateRule;
  const monthWeekDay = reader.match(/^M\d{1,2}\.\d\.\d/);
  if (monthWeekDay) {
    const [month, week, weekday] = monthWeekDay.slice(1).split('.').map(Number) as [number, number, number];
    rule = { kind: 'month-week-day', month, week, weekday, time: 7200 };
  } else {
    const julian = reader.match(/^J\d{1,3}/);
    const plain = julian ? null : reader.match(/^\d{1,3}/);
    if (julian) rule = { kind: 'julian-no-leap', day: Number(julian.slice(1)), time: 7200 };
    else if (plain) rule = { kind: 'julian', day: Number(plain), time: 7200 };
    else throw new Error('bad date rule');
  }
  if (reader.match(/^\//)) rule.time = readDuration(reader) ?? 7200;
  return rule;
}

export function parsePosixTz(text: string): PosixRule | null {
  if (text === '') return null;
  const reader = new Reader(text);
  const standardName = readName(reader);
  const standardOffset = readDuration(reader);
  if (standardName === null || standardOffset === null) throw new Error(`bad TZ string "${text}"`);
  // POSIX offsets count west of Greenwich: EST5 is UTC-5.
  const standard = { abbreviation: standardName, offset: -standardOffset || 0, dst: false };
  const daylightName = readName(reader);
  if (daylightName === null) return { standard, daylight: null, start: null, end: null };
  const daylightOffset = readDuration(reader);
  const daylight = {
    abbreviation: daylightName,
    offset: daylightOffset === null ? standard.offset + 3600 : -daylightOffset || 0,
    dst: true,
  };
  const start = readDateRule(reader);
  const end = readDateRule(reader);
  return { standard, daylight, start, end };
}

function ruleDate(rule: DateRule, year: number) {
  const firstOfYear = Temporal.PlainDate.from({ year, month: 1, day: 1 });
  if (rule.kind === 'julian') return firstOfYear.add({ days: rule.day });
  if (rule.kind === 'julian-no-leap') {
    // Jn counts 1..365 and never names February 29.
    const date = firstOfYear.add({ days: rule.day - 1 });
    return firstOfYear.inLeapYear && rule.day >= 60 ? date.add({ days: 1 }) : date;
  }
  const first = Temporal.PlainDate.from({ year, month: rule.month, day: 1 });
  const firstWeekday = first.dayOfWeek % 7; // Sunday is 0 in POSIX, 7 in Temporal.
  let day = 1 + ((rule.weekday - firstWeekday + 7) % 7) + (rule.week - 1) * 7;
  while (day > first.daysInMonth) day -= 7; // week 5 means the last such weekday.
  return first.with({ day });
}

/** Unix seconds of a rule's moment in a year, given the offset in force just before it. */
function ruleInstant(rule: DateRule, year: number, offsetBefore: number): number {
  const midnight = ruleDate(rule, year).toZonedDateTime('UTC').epochMilliseconds / 1000;
  return midnight + rule.time - offsetBefore;
}

export interface RuleChange {
  at: number;
  type: LocalTimeType;
}

const changesByRule = new WeakMap<PosixRule, Map<number, RuleChange[]>>();

/** The changes a rule makes in one year, in order (remembered: listings ask for each year many times). */
export function changesInYear(rule: PosixRule, year: number): RuleChange[] {
  let byYear = changesByRule.get(rule);
  if (!byYear) changesByRule.set(rule, (byYear = new Map()));
  let changes = byYear.get(year);
  if (!changes) {
    if (byYear.size > 2000) byYear.clear();
    byYear.set(year, (changes = computeChanges(rule, year)));
  }
  return changes;
}

function computeChanges(rule: PosixRule, year: number): RuleChange[] {
  if (!rule.daylight || !rule.start || !rule.end) return [];
  const changes: RuleChange[] = [];
  for (const [when, type, offsetBefore] of [
    [rule.start, rule.daylight, rule.standard.offset],
    [rule.end, rule.standard, rule.daylight.offset],
  ] as const) {
    // At the ends of Temporal's range (years -271821 and 275760) a rule's date may not exist: no change then.
    try {
      changes.push({ at: ruleInstant(when, year, offsetBefore), type });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  return changes.sort((a, b) => a.at - b.at);
}

/** The local time type a rule gives at an instant. */
export function typeAt(rule: PosixRule, unixSeconds: number): LocalTimeType {
  if (!rule.daylight || !rule.start || !rule.end) return rule.standard;
  const year = Temporal.Instant.fromEpochMilliseconds(unixSeconds * 1000).toZonedDateTimeISO('UTC').year;
  let current = rule.standard;
  // The year before decides what is in force on January 1 (southern hemisphere DST spans new year).
  for (const change of [...changesInYear(rule, year - 1), ...changesInYear(rule, year)]) {
    if (change.at <= unixSeconds) current = change.type;
  }
  return current;
}
