import { describe, expect, it } from 'vitest';
import { meetingIcs } from '../../../src-main/tools/zone/ics.ts';
import { planMeeting } from '../../../src-main/tools/zone/planner.ts';
import { availableSources, newestSource, versionRank } from '../../../src-main/tools/zone/sources.ts';
import { Temporal } from '../../../src-main/tools/zone/temporal.ts';
import { runSuite } from '../../support/cli.ts';
import { olderZoneinfo } from '../../support/older-zoneinfo.ts';
import { tempDir } from '../../support/temp.ts';
import { zdumpTransitions } from '../../support/zdump.ts';

const plan = (date: string, zones: string[], extra: Partial<Parameters<typeof planMeeting>[0]> = {}) =>
  planMeeting({ date, zones, hours: [], stepMinutes: 60, days: 1, tzdata: 'system', ...extra });

describe('planner rows on a 30-minute DST day', () => {
  // Lord Howe's 2026 changes, from zdump: the days whose wall clock jumps by 30 minutes.
  const days = zdumpTransitions('Australia/Lord_Howe', 2026, 2026).map((change) =>
    new Date((change.at + change.offsetBefore) * 1000).toISOString().slice(0, 10),
  );

  for (const step of [60, 30, 15] as const) {
    it(`rows stay on whole ${step}-minute steps of Lord Howe's clock, each at an instant showing that wall time`, async () => {
      expect(days).toHaveLength(2);
      for (const date of days) {
        const result = await plan(date, ['Australia/Lord_Howe', 'UTC'], { stepMinutes: step });
        for (const row of result.rows) {
          const cell = row.cells[0]!;
          const [hour, minute] = cell.time.split(':').map(Number) as [number, number];
          expect(minute % step, `${date} ${cell.time}`).toBe(0);
          // The row's instant shows that wall time in Lord Howe, as Temporal reads the instant.
          const seen = Temporal.Instant.fromEpochMilliseconds(row.epochMilliseconds)
            .toZonedDateTimeISO('Australia/Lord_Howe')
            .toPlainDateTime();
          expect([seen.hour, seen.minute, seen.toPlainDate().toString()]).toEqual([hour, minute, cell.date]);
        }
        expect(result.rows.length).toBeGreaterThanOrEqual((24 * 60) / step - 60 / step);
      }
    });
  }

  it('refuses more working-hour ranges than zones, in one line (exit 2)', async () => {
    await expect(
      plan('2026-12-01', ['UTC'], {
        hours: [
          { start: '09:00', end: '17:00' },
          { start: '08:00', end: '16:00' },
        ],
      }),
    ).rejects.toThrow('2 working-hour ranges for 1 zone(s)');
    const run = await runSuite([
      'zone',
      'planner',
      '--date',
      '2026-12-01',
      '--zones',
      'UTC',
      '--hours',
      '9-17,8-16',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

// The machine's own sources may all be of one version. The sources are read on first use, after this;
// the copy holds the same zones, so the tests above read the same data from it.
process.env.TZDIR = await olderZoneinfo(await tempDir('older-zoneinfo'));

describe('planner and .ics say when older tz data was chosen by hand', () => {
  it('planner and ics carry the notice; auto carries none', async () => {
    const older = availableSources().find(
      (source) => versionRank(source.version) < versionRank(newestSource().version),
    );
    expect(older?.version).toBe('1996a');
    const tzdata = older!.kind;
    expect((await plan('2026-12-01', ['UTC'], { tzdata })).dataNotice).toMatch(/^Older data: tz /);
    expect((await plan('2026-12-01', ['UTC'], { tzdata: 'auto' })).dataNotice).toBeNull();
    const ics = await meetingIcs({
      time: '2026-12-01 09:00',
      from: 'UTC',
      minutes: 30,
      title: 'x',
      disambiguation: 'compatible',
      tzdata,
    });
    expect(ics.dataNotice).toMatch(/^Older data: tz /);
    const run = await runSuite(['zone', 'ics', '2026-12-01 09:00', '--from', 'UTC', '--tzdata', tzdata]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(run.stderr).toMatch(/^Note: Older data: tz /);
    const planner = await runSuite([
      'zone',
      'planner',
      '--date',
      '2026-12-01',
      '--zones',
      'UTC',
      '--tzdata',
      tzdata,
    ]);
    expect(planner.stdout).toMatch(/^Note: Older data: tz /m);
  });

  it('--help names the real default (auto) and every source', async () => {
    for (const command of ['planner', 'ics']) {
      const help = await runSuite(['zone', command, '--help']);
      expect(help.stdout).toContain('--tzdata auto|shipped|system|runtime');
      expect(help.stdout).toContain('the newest tz data here (default)');
      expect(help.stdout).not.toContain('runtime ICU data (default)');
    }
  });
});
