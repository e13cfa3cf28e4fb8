import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../support/cli.ts';

describe('suite zone planner and ics', () => {
  it('planner prints one row per hour, marks shared working hours and the 23-hour day', async () => {
    const run = await runSuite([
      'zone',
      'planner',
      '--date',
      '2026-03-08',
      '--zones',
      'America/New_York,Frankfurt,Asia/Tokyo',
      '--hours',
      '9-17,8-18,8:30-17:30',
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'Planner from 2026-03-08, 1 day(s) of America/New_York, every 60 min. 2026-03-08 has 23 hours in America/New_York.',
    );
    expect(lines[1]).toContain(
      'Working hours: America/New_York 09:00-17:00, Europe/Berlin 08:00-18:00, Asia/Tokyo 08:30-17:30.',
    );
    const rows = lines.filter((line) => /^[* ] \d{4}-\d\d-\d\d \d\d:\d\d/.test(line));
    expect(rows).toHaveLength(23);
    expect(rows[2]).toMatch(
      /^ {2}2026-03-08 07:00 {2}03:00 weekend .*<- America\/New_York: Clocks go forward 1 h: -05:00 EST → -04:00 EDT$/,
    );
    // A Sunday: nobody works, so no row is starred.
    expect(rows.filter((row) => row.startsWith('*'))).toEqual([]);
    expect(lines.at(-1)).toMatch(/^Data: /);
  });

  it('planner --json is the channel result; a bad date is exit 2 in one line', async () => {
    const json = await runSuite(['zone', 'planner', '--date', '2026-12-01', '--zones', 'UTC', '--json']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as { rows: unknown[]; zones: { zone: string }[] };
    expect(result.rows).toHaveLength(24);
    expect(result.zones.map((zone) => zone.zone)).toEqual(['Etc/UTC']);
    const bad = await runSuite(['zone', 'planner', '--date', '2026-02-30', '--zones', 'UTC']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('There is no date 2026-02-30');
    const hours = await runSuite(['zone', 'planner', '--zones', 'UTC', '--hours', 'nine to five']);
    expect(hours.code).toBe(2);
    expect(hours.stderr).toContain(
      'Working hours "nine to five" are not START-END, such as 9-17 or 08:30-16:30.',
    );
  });

  it('ics prints an event a calendar program reads', async () => {
    const run = await runSuite([
      'zone',
      'ics',
      '2026-12-01 09:00',
      '--from',
      'America/New_York',
      '--minutes',
      '45',
      '--title',
      'Plan; review',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const calendar = new ICAL.Component(ICAL.parse(run.stdout));
    const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
    ICAL.TimezoneService.register(zone, zone.tzid);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Plan; review');
    expect(event.startDate.toUnixTime()).toBe(Date.UTC(2026, 11, 1, 14, 0) / 1000);
    expect(event.endDate.toUnixTime()).toBe(Date.UTC(2026, 11, 1, 14, 45) / 1000);
    const ambiguous = await runSuite(['zone', 'ics', '2026-12-01 09:00', '--from', 'IST']);
    expect(ambiguous.code).toBe(2);
  });
});
