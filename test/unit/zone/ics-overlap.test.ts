import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { meetingIcs } from '../../../src-main/tools/zone/ics.ts';
import { Temporal } from '../../../src-main/tools/zone/temporal.ts';
import { zdumpTransitions } from '../../support/zdump.ts';

// Zones with a fall-back overlap and a spring-forward gap, incl. negative DST (Dublin) and a 30-minute one (Lord_Howe).
const ZONES = [
  'Europe/Dublin',
  'Europe/London',
  'Australia/Sydney',
  'America/New_York',
  'Australia/Lord_Howe',
];
const DISAMBIGUATIONS = ['compatible', 'earlier', 'later'] as const;

/** Start and end instants (Unix seconds) as ical.js reads the event, with the calendar's own VTIMEZONE. */
function icalInstants(text: string): [number, number] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vtimezone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
  ICAL.TimezoneService.register(vtimezone, vtimezone.tzid);
  try {
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    return [event.startDate.toUnixTime(), event.endDate.toUnixTime()];
  } finally {
    ICAL.TimezoneService.reset();
  }
}

/** Wall times (YYYY-MM-DD HH:MM) just before, inside and after each of the zone's 2026 changes zdump reports. */
function wallsAroundChanges(zone: string): string[] {
  const changes = zdumpTransitions(zone, 2026, 2026);
  expect(changes.length).toBe(2);
  return changes.flatMap((change) =>
    [-120, -61, -45, -30, -1, 0, 1, 15, 29, 45, 59, 61, 90].map((minutes) =>
      new Date((change.at + change.offsetBefore + minutes * 60) * 1000)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' '),
    ),
  );
}

describe('.ics start and end are the exact instants for ical.js in every DST overlap and gap', () => {
  for (const zone of ZONES) {
    it(`${zone}: every wall time near the 2026 changes, each disambiguation, meetings crossing the change`, async () => {
      let checked = 0;
      for (const time of wallsAroundChanges(zone)) {
        for (const disambiguation of DISAMBIGUATIONS) {
          const expected =
            Temporal.PlainDateTime.from(time.replace(' ', 'T'))
              .toZonedDateTime(zone, { disambiguation })
              .toInstant().epochMilliseconds / 1000;
          for (const minutes of [30, 60, 90, 150]) {
            const ics = await meetingIcs({
              time,
              from: zone,
              minutes,
              title: 'x',
              disambiguation,
              tzdata: 'system',
            });
            expect(ics.start.unixSeconds, `${time} ${disambiguation}`).toBe(expected);
            expect(icalInstants(ics.text), `${time} ${disambiguation} +${minutes}`).toEqual([
              expected,
              expected + minutes * 60,
            ]);
            checked++;
          }
        }
      }
      expect(checked).toBe(2 * 13 * 3 * 4);
    });
  }

  it('writes a wall time of a repeated hour in UTC, either pass (Dublin +90 min, New York later)', async () => {
    const dublin = await meetingIcs({
      time: '2026-10-25 01:15',
      from: 'Europe/Dublin',
      minutes: 90,
      title: 'x',
      disambiguation: 'compatible',
      tzdata: 'system',
    });
    expect(dublin.text).toContain('DTSTART:20261025T001500Z');
    expect(dublin.text).toContain('DTEND:20261025T014500Z');
    const later = await meetingIcs({
      time: '2026-11-01 01:30',
      from: 'America/New_York',
      minutes: 60,
      title: 'x',
      disambiguation: 'later',
      tzdata: 'system',
    });
    expect(later.text).toContain('DTSTART:20261101T063000Z');
  });
});
