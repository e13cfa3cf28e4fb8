import type { InputKind } from '../../contract/zone.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { Temporal } from './temporal.ts';
import type { TemporalTypes } from './temporal.ts';

export type ParsedTime =
  | { kind: 'wall'; wall: TemporalTypes.PlainDateTime; reading: string; zone: string | null }
  | {
      kind: Exclude<InputKind, 'wall'>;
      epochMilliseconds: number;
      reading: string;
      /** The zone an RFC 9557 annotation names ("…[Europe/Paris]"), to be read in. */
      zone: string | null;
      /**
       * The offset written, in seconds east, to check against that zone; null for Z, which gives the
       * instant only (RFC 9557: Z with an annotation is that instant shown in the zone, as Temporal reads it).
       */
      offsetSeconds: number | null;
    };

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Milliseconds Temporal can represent either side of 1970 (±10⁸ days). */
const LIMIT = 8.64e15;
const EXAMPLES =
  'Use a wall time such as 2017-03-11 11:30, ISO-8601 such as 2017-03-11T11:30:00Z, a Unix time such as 1489199400, or RFC 2822 such as Sat, 11 Mar 2017 11:30:00 +0900.';

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Checks each field and says which one is wrong, in words: "February 2023 has 28 days, so there is no February 30." */
function checkedDateTime(fields: Fields): TemporalTypes.PlainDateTime {
  const { year, month, day, hour, minute, second } = fields;
  // Temporal's range: ±10⁸ days either side of 1970 (-271821-04-19 to +275760-09-13).
  if (year < -271821 || year > 275760)
    throw new SuiteError('BAD_INPUT', `Years run from -271821 to +275760, not ${year}.`);
  if (month < 1 || month > 12)
    throw new SuiteError('BAD_INPUT', `There is no month ${month}: months run from 01 to 12.`);
  const daysInMonth = Temporal.PlainYearMonth.from({ year, month }).daysInMonth;
  if (day < 1 || day > daysInMonth) {
    throw new SuiteError(
      'BAD_INPUT',
      `${MONTHS[month - 1]} ${year} has ${daysInMonth} days, so there is no ${MONTHS[month - 1]} ${day}.`,
    );
  }
  if (hour > 23)
    throw new SuiteError(
      'BAD_INPUT',
      `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} is not a time of day: hours run from 00 to 23.`,
    );
  if (minute > 59) throw new SuiteError('BAD_INPUT', `Minutes run from 00 to 59, not ${minute}.`);
  if (second > 59)
    throw new SuiteError(
      'BAD_INPUT',
      `Seconds run from 00 to 59, not ${second} (leap seconds are not counted in civil time).`,
    );
  try {
    return Temporal.PlainDateTime.from(fields, { overflow: 'reject' });
  } catch {
    throw new SuiteError(
      'BAD_INPUT',
      'Dates run from -271821-04-19 to +275760-09-13 (the range Temporal can hold).',
    );
  }
}

const ISO =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?((?:\[[^\]]*\])*)$/;

/** An offset's seconds east, or a one-line error when it cannot be one (+25:00, +05:60, +2500). */
function offsetSeconds(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(/:/g, '');
  const [hours, minutes, seconds] = [0, 2, 4].map((at) => Number(digits.slice(at, at + 2) || '0')) as [
    number,
    number,
    number,
  ];
  if (hours > 23 || minutes > 59 || seconds > 59)
    throw new SuiteError(
      'BAD_INPUT',
      `The offset ${text} is out of range: offsets run from -23:59 to +23:59, with minutes and seconds from 00 to 59.`,
    );
  return (text.startsWith('-') ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds);
}

/**
 * RFC 9557 annotations: the time zone one names ("[Europe/Paris]", "[!Europe/Paris]"), if any;
 * calendar and other key=value tags are accepted and add nothing for the ISO calendar.
 */
function annotatedZone(annotations: string): string | null {
  const tags = [...annotations.matchAll(/\[(!?)([^\]]*)\]/g)].map((match) => ({
    critical: match[1] === '!',
    text: match[2]!,
  }));
  const zones = tags.filter((tag) => !tag.text.includes('='));
  if (zones.length > 1) throw new SuiteError('BAD_INPUT', 'Give at most one [time zone] annotation.');
  for (const tag of tags.filter((tag) => tag.text.includes('='))) {
    const [key, value] = tag.text.split('=');
    if (key === 'u-ca' && !/^(iso8601|gregory)$/.test(value ?? ''))
      throw new SuiteError('BAD_INPUT', `Only the ISO 8601 calendar is supported, not [${tag.text}].`);
    if (key !== 'u-ca' && tag.critical)
      throw new SuiteError('BAD_INPUT', `The critical annotation [!${tag.text}] is not understood.`);
  }
  return zones[0]?.text || null;
}

/** ISO 8601 basic format (20240310T023000Z, 20240310T0230+0530) written out in the extended one. */
const BASIC =
  /^([+-]\d{6}|\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(\d{2})?([.,]\d{1,9})?(Z|z|[+-]\d{2}(?:\d{2}(?:\d{2})?)?)?((?:\[[^\]]*\])*)$/;

function extendedIso(text: string): string {
  const basic = BASIC.exec(text);
  if (!basic) return text;
  const [, year, month, day, hour, minute, second = '00', fraction = '', offset = '', annotations] = basic;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}${annotations}`;
}

/** Digits past milliseconds are dropped (results are in milliseconds): the reading says so. */
function droppedDigits(fraction: string): string {
  return fraction.length > 3 && /[1-9]/.test(fraction.slice(3))
    ? ` (.${fraction} kept to the millisecond: .${fraction.slice(0, 3)})`
    : '';
}

function readIso(text: string): ParsedTime | null {
  const match = ISO.exec(extendedIso(text));
  if (!match) return null;
  const [
    ,
    year,
    month,
    day,
    hour = '0',
    minute = '0',
    second = '0',
    fraction = '',
    offset,
    annotations = '',
  ] = match;
  const zone = annotatedZone(annotations);
  const wall = checkedDateTime({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(fraction.padEnd(3, '0').slice(0, 3)),
  });
  const dropped = droppedDigits(fraction);
  if (!offset) return { kind: 'wall', wall, reading: `a wall-clock time${dropped}`, zone };
  const normalized = offset.toUpperCase() === 'Z' ? 'Z' : offset;
  const seconds = offsetSeconds(normalized);
  return {
    kind: 'iso-instant',
    epochMilliseconds: Temporal.Instant.from(`${wall.toString()}${normalized}`).epochMilliseconds,
    reading: `ISO-8601 with offset ${normalized}${dropped}`,
    zone,
    offsetSeconds: normalized === 'Z' ? null : seconds,
  };
}

const RFC2822 =
  /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{2,4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|UT|GMT|Z|[ECMP][SD]T)$/i;
const OBSOLETE_ZONES: Record<string, string> = {
  UT: '+0000',
  GMT: '+0000',
  Z: '+0000',
  EST: '-0500',
  EDT: '-0400',
  CST: '-0600',
  CDT: '-0500',
  MST: '-0700',
  MDT: '-0600',
  PST: '-0800',
  PDT: '-0700',
};

function readRfc2822(text: string): ParsedTime | null {
  const match = RFC2822.exec(text);
  if (!match) return null;
  const [, weekday, day, monthName, yearText, hour, minute, second = '0', zone] =
    match as unknown as string[];
  const month = MONTHS.findIndex((name) => name.slice(0, 3).toLowerCase() === monthName!.toLowerCase()) + 1;
  // RFC 2822 section 4.3: two-digit years 00-49 are 2000-2049, 50-99 are 1950-1999.
  const year =
    yearText!.length === 2 ? (Number(yearText) < 50 ? 2000 : 1900) + Number(yearText) : Number(yearText);
  const wall = checkedDateTime({
    year,
    month,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: 0,
  });
  if (weekday) {
    const actual = WEEKDAYS[wall.dayOfWeek - 1]!;
    if (actual.slice(0, 3).toLowerCase() !== weekday.toLowerCase()) {
      const given = WEEKDAYS.find((name) => name.slice(0, 3).toLowerCase() === weekday.toLowerCase())!;
      throw new SuiteError(
        'BAD_INPUT',
        `${Number(day)} ${MONTHS[month - 1]} ${year} was a ${actual}, not a ${given}.`,
      );
    }
  }
  const offset = OBSOLETE_ZONES[zone!.toUpperCase()] ?? zone!;
  const iso = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const seconds = offsetSeconds(iso);
  const instant = Temporal.Instant.from(`${wall.toString()}${iso}`);
  return {
    kind: 'rfc2822',
    epochMilliseconds: instant.epochMilliseconds,
    reading: 'an RFC 2822 date',
    zone: null,
    offsetSeconds: seconds,
  };
}

function readUnix(text: string, unit: 'auto' | 'seconds' | 'milliseconds'): ParsedTime | null {
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  // Twelve or more digits: as seconds that would be after the year 5000, so it is milliseconds.
  const milliseconds = unit === 'milliseconds' || (unit === 'auto' && Math.abs(value) >= 1e11);
  const epochMilliseconds = Math.round(milliseconds ? value : value * 1000);
  if (Math.abs(epochMilliseconds) > LIMIT)
    throw new SuiteError('BAD_INPUT', `${text} is too far from 1970 to be a date.`);
  // Auto is a guess by size: say the other reading too, so a seconds value is not taken silently.
  const asSeconds = value * 1000;
  const secondsYear = Math.abs(asSeconds) <= LIMIT ? new Date(asSeconds).getUTCFullYear() : null;
  const otherReading = secondsYear === null ? 'too far from 1970' : `the year ${secondsYear}`;
  const why =
    unit === 'auto'
      ? milliseconds
        ? ` (12 or more digits; as seconds it would be ${otherReading}: set the unit to seconds for that)`
        : ' (fewer than 12 digits)'
      : '';
  const common = { epochMilliseconds, zone: null, offsetSeconds: 0 };
  return milliseconds
    ? { kind: 'unix-milliseconds', ...common, reading: `Unix time in milliseconds${why}` }
    : { kind: 'unix-seconds', ...common, reading: `Unix time in seconds${why}` };
}

/** Reads what the user typed: a wall time, ISO-8601 with Z or offset, RFC 2822, or Unix time. */
export function parseTime(text: string, unit: 'auto' | 'seconds' | 'milliseconds'): ParsedTime {
  const trimmed = text.trim();
  const parsed = readUnix(trimmed, unit) ?? readIso(trimmed) ?? readRfc2822(trimmed);
  if (!parsed) throw new SuiteError('BAD_INPUT', `Could not read "${trimmed}" as a time. ${EXAMPLES}`);
  return parsed;
}
