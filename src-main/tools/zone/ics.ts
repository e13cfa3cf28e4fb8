import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { IcsResult, icsInput } from '../../contract/zone-planner.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { convertPeopleInput } from './people-input.ts';
import { chooseSource } from './sources.ts';
import { wallAt, zonedTime } from './zoned-time.ts';
import type { ZoneSource } from './zone-source.ts';
import type { LocalTimeType } from './tzif.ts';

const YEAR = 366 * 86_400_000;

/** RFC 5545 3.3.10 UTC offset: ±hhmm, or ±hhmmss when it has seconds. */
function icsOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const total = Math.abs(seconds);
  const parts = [Math.floor(total / 3600), Math.floor((total % 3600) / 60)];
  if (total % 60 !== 0) parts.push(total % 60);
  return sign + parts.map((part) => String(part).padStart(2, '0')).join('');
}

/** RFC 5545 3.3.5 local date-time: 20261201T090000 (seconds dropped below one; calendars keep none). */
function icsLocal(epochMilliseconds: number, offsetSeconds: number): string {
  const wall = wallAt(Math.floor(epochMilliseconds / 1000) * 1000, offsetSeconds);
  return wall.toString().slice(0, 19).replace(/[-:]/g, '');
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and line breaks escaped. */
function icsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 3.1: lines longer than 75 octets folded with CRLF and a space, never inside a UTF-8 character. */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * DTSTART/DTEND value: the local time with TZID, except for a wall time that happens twice (a fall-back
 * hour). RFC 5545 3.3.5 says readers take the first occurrence, but readers differ (ical.js takes the
 * second in some zones), so either pass is written as a UTC time, which every reader takes exactly.
 */
function icsDateTime(source: ZoneSource, zone: string, epochMilliseconds: number): string {
  const at = Math.floor(epochMilliseconds / 1000) * 1000;
  const offset = source.typeAt(zone, at).offset;
  const resolution = source.resolve(zone, wallAt(at, offset), 'earlier');
  return resolution.status === 'overlap' ? `:${icsLocal(at, 0)}Z` : `;TZID=${zone}:${icsLocal(at, offset)}`;
}

function observance(at: number, before: LocalTimeType, after: LocalTimeType): string[] {
  const kind = after.dst ? 'DAYLIGHT' : 'STANDARD';
  return [
    `BEGIN:${kind}`,
    // The onset is written as the wall clock just before the change, in the offset it changes from.
    `DTSTART:${icsLocal(at, before.offset)}`,
    `TZOFFSETFROM:${icsOffset(before.offset)}`,
    `TZOFFSETTO:${icsOffset(after.offset)}`,
    `TZNAME:${icsText(after.abbreviation)}`,
    `END:${kind}`,
  ];
}

/** 1 January 1601 (as calendar programs write a zone's first observance), or earlier for an earlier event. */
function firstOnset(eventAt: number): number {
  const onset = new Date(Date.UTC(1601, 0, 1));
  onset.setUTCFullYear(Math.max(1, Math.min(1601, new Date(eventAt).getUTCFullYear() - 2)));
  return onset.getTime();
}

/**
 * VTIMEZONE from the data that converted the event: the observance in force two years before the
 * event (from 1601 or earlier, so a reader has an offset for any earlier time too), then every change
 * up to a year after, each its own observance (no RRULE that could drift from the data).
 */
function vtimezone(source: ZoneSource, zone: string, eventAt: number): string[] {
  const windowStart = eventAt - 2 * YEAR;
  const first = source.typeAt(zone, windowStart);
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    ...observance(firstOnset(eventAt) - first.offset * 1000, first, first),
  ];
  let cursor = windowStart;
  for (;;) {
    const next = source.nextTransition(zone, cursor);
    if (!next || next.at > eventAt + YEAR) break;
    lines.push(...observance(next.at, next.before, next.after));
    cursor = next.at;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** One event as an RFC 5545 calendar: DTSTART and DTEND with the organiser's zone as TZID. */
export async function meetingIcs(input: z.output<typeof icsInput>, now = Date.now()): Promise<IcsResult> {
  const converted = await convertPeopleInput({
    time: input.time,
    from: input.from,
    to: [],
    unixUnit: 'auto',
    disambiguation: input.disambiguation,
    tzdata: input.tzdata,
  });
  const { source, notice } = chooseSource(input.tzdata);
  const zone = converted.source.zone;
  const startAt = converted.source.unixMilliseconds;
  const endAt = startAt + input.minutes * 60_000;
  const endType = source.typeAt(zone, endAt);
  // RFC 5545 dates have four-digit years.
  if (new Date(endAt + endType.offset * 1000).getUTCFullYear() > 9999 || converted.source.wall < '0001')
    throw new SuiteError('BAD_INPUT', 'A calendar event must lie between the years 1 and 9999.');
  const title = input.title.trim() || 'Meeting';
  const uid = createHash('sha256')
    .update(`${zone}\n${startAt}\n${endAt}\n${title}`)
    .digest('hex')
    .slice(0, 32);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//DevUtil Suite//Zone Convert//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...vtimezone(source, zone, startAt),
    'BEGIN:VEVENT',
    `UID:${uid}@devutil-suite`,
    `DTSTAMP:${icsLocal(now, 0)}Z`,
    `DTSTART${icsDateTime(source, zone, startAt)}`,
    `DTEND${icsDateTime(source, zone, endAt)}`,
    `SUMMARY:${icsText(title)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  const end = zonedTime(source, zone, endAt);
  return {
    text: `${lines.map(foldLine).join('\r\n')}\r\n`,
    fileName: `${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'meeting'}-${converted.source.wall.slice(0, 10)}.ics`,
    start: converted.source,
    end,
    ambiguity: converted.ambiguity,
    dataSource: source.label,
    dataNotice: notice,
  };
}
