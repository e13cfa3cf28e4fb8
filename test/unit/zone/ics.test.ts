import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { meetingIcs } from '../../../src-main/tools/zone/ics.ts';
import { zdumpTransitions } from '../../support/zdump.ts';
import type { ZdumpTransition } from '../../support/zdump.ts';

/** Zones whose VTIMEZONE is easy to get wrong: half-hour DST, negative DST, 45-minute offsets, no changes. */
const ZONES = [
  'America/New_York',
  'Europe/Dublin',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'America/Santiago',
  'Africa/Casablanca',
];

function zdumpOffset(history: ZdumpTransition[], seconds: number): number {
  let offset = history[0]!.offsetBefore;
  for (const change of history) if (change.at <= seconds) offset = change.offsetAfter;
  return offset;
}

/** Parses the calendar with ical.js and registers its VTIMEZONE, as a calendar program would. */
function readBack(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone')!;
  const zone = new ICAL.Timezone(vtimezone);
  ICAL.TimezoneService.register(zone, zone.tzid);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { calendar, zone, event };
}

/**
 * The Unix time ical.js gives a local wall time in the calendar's zone: what an importing calendar
 * does with DTSTART. (Its UTC-to-local direction reads a UTC time as local near changes, so the
 * check goes this way.)
 */
function icalInstant(zone: ICAL.Timezone, wall: string): number {
  const [year, month, day, hour, minute, second] = wall.split(/[-T:]/).map(Number);
  return ICAL.Time.fromData({ year, month, day, hour, minute, second, isDate: false }, zone).toUnixTime();
}

/** Instants near each change whose wall clock happens once (not in an overlap), with that wall clock. */
function checkpoints(history: ZdumpTransition[], seconds: number[]): { at: number; wall: string }[] {
  const wallOf = (at: number) => at + zdumpOffset(history, at);
  return seconds
    .filter((at) => {
      const wall = wallOf(at);
      const readings = new Set(
        history.map((change) => wall - change.offsetAfter).filter((c) => wallOf(c) === wall),
      );
      return readings.size === 1;
    })
    .map((at) => ({ at, wall: new Date(wallOf(at) * 1000).toISOString().slice(0, 19) }));
}

describe('.ics events read back with ical.js', () => {
  for (const zone of ZONES) {
    for (const tzdata of ['system', 'runtime'] as const) {
      // The runtime's ICU tz data is older than the system's for Morocco: they disagree on purpose there.
      if (tzdata === 'runtime' && zone === 'Africa/Casablanca') continue;
      it(`${zone} (${tzdata}): start, end and every VTIMEZONE change agree with zdump`, async () => {
        const history = zdumpTransitions(zone, 1900, 2030);
        const ics = await meetingIcs({
          time: '2026-12-01 09:00',
          from: zone,
          minutes: 90,
          title: 'Review',
          disambiguation: 'compatible',
          tzdata,
        });
        const { zone: icalZone, event } = readBack(ics.text);
        expect(icalZone.tzid).toBe(zone);
        expect(event.startDate.zone?.tzid).toBe(zone);
        expect(event.startDate.toUnixTime()).toBe(ics.start.unixSeconds);
        expect(event.endDate.toUnixTime()).toBe(ics.start.unixSeconds + 90 * 60);
        const expectedStart =
          Date.UTC(2026, 11, 1, 9, 0) / 1000 - zdumpOffset(history, Date.UTC(2026, 11, 1, 9) / 1000);
        expect(ics.start.unixSeconds).toBe(expectedStart);
        // Around each change zdump knows from two years before to one after, and every 7 hours of the year.
        const from = Date.UTC(2024, 11, 1) / 1000;
        const to = Date.UTC(2027, 11, 1) / 1000;
        const near = history
          .filter((change) => change.at >= from && change.at <= to)
          .flatMap((change) => [-7200, -3600, -1, 0, 1, 3600, 7200].map((delta) => change.at + delta));
        const hourly = Array.from({ length: 1252 }, (_, i) => Date.UTC(2026, 0, 1) / 1000 + i * 7 * 3600);
        const points = checkpoints(history, [...near, ...hourly]);
        expect(points.length).toBeGreaterThan(1000);
        for (const { at, wall } of points) expect(icalInstant(icalZone, wall), `${zone} ${wall}`).toBe(at);
      });
    }
  }
});

describe('.ics text follows RFC 5545', () => {
  it('escapes and folds a hostile title, CRLF lines of at most 75 octets', async () => {
    const title = `Plan, review; ship\\done\nnext: ${'ü€😀'.repeat(30)}`;
    const ics = await meetingIcs({
      time: '2026-07-01 15:00',
      from: 'Europe/Berlin',
      minutes: 30,
      title,
      disambiguation: 'compatible',
      tzdata: 'system',
    });
    expect(ics.text.endsWith('\r\n')).toBe(true);
    const lines = ics.text.slice(0, -2).split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const { event } = readBack(ics.text);
    expect(event.summary).toBe(title);
    expect(event.startDate.toString()).toBe('2026-07-01T15:00:00');
  });

  it('starts an event in a DST gap at the moved wall time, and says so', async () => {
    const ics = await meetingIcs({
      time: '2026-03-08 02:30',
      from: 'America/New_York',
      minutes: 60,
      title: 'Gap',
      disambiguation: 'compatible',
      tzdata: 'system',
    });
    expect(ics.ambiguity?.kind).toBe('gap');
    expect(ics.text).toContain('DTSTART;TZID=America/New_York:20260308T033000');
    expect(readBack(ics.text).event.startDate.toUnixTime()).toBe(Date.UTC(2026, 2, 8, 7, 30) / 1000);
  });

  it('refuses an event past the year 9999 in one line', async () => {
    const ics = (time: string) =>
      meetingIcs({
        time,
        from: 'UTC',
        minutes: 60,
        title: 'Late',
        disambiguation: 'compatible',
        tzdata: 'system',
      });
    await expect(ics('9999-12-31 23:30')).rejects.toThrow(
      'A calendar event must lie between the years 1 and 9999.',
    );
    await expect(ics('9999-12-31 22:00')).resolves.toMatchObject({ fileName: 'Late-9999-12-31.ics' });
  });
});
