import { describe, expect, it } from 'vitest';
import { planMeeting } from '../../../src-main/tools/zone/planner.ts';
import { offsetText, zdumpTransitions } from '../../support/zdump.ts';
import type { ZdumpTransition } from '../../support/zdump.ts';

/** Organisers whose days change length in odd ways: an hour, half an hour, at midnight, backwards (Dublin). */
const ORGANISERS = [
  'America/New_York',
  'Europe/London',
  'Europe/Dublin',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Chatham',
  'America/St_Johns',
  'Africa/Casablanca',
  'Asia/Beirut',
];
/** Columns beside the organiser: other hemispheres, quarter-hour offsets, no DST, the date line. */
const OTHERS = [
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Pacific/Kiritimati',
  'America/Los_Angeles',
  'Asia/Kolkata',
];
const YEAR = 2026;

/** The offset zdump gives at an instant: the last change at or before it. */
function zdumpOffset(history: ZdumpTransition[], ms: number): number {
  let offset = history[0]!.offsetBefore;
  for (const change of history) if (change.at * 1000 <= ms) offset = change.offsetAfter;
  return offset;
}

const localDate = (history: ZdumpTransition[], ms: number) =>
  new Date(ms + zdumpOffset(history, ms) * 1000).toISOString().slice(0, 10);

/** The first instant (to the minute) whose local date is `date`, found from zdump's offsets alone. */
function localMidnight(history: ZdumpTransition[], date: string): number {
  let low = Date.parse(`${date}T00:00:00Z`) - 20 * 3_600_000;
  let high = low + 40 * 3_600_000;
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (localDate(history, middle) >= date) high = middle;
    else low = middle;
  }
  return high;
}

const histories = new Map<string, ZdumpTransition[]>();
function history(zone: string): ZdumpTransition[] {
  if (!histories.has(zone)) histories.set(zone, zdumpTransitions(zone, 1900, YEAR + 2));
  return histories.get(zone)!;
}

/** Each organiser's change days in the year, read from zdump at test time, with the day before as a control. */
function changeDays(zone: string): string[] {
  const days = history(zone)
    .filter((change) => new Date(change.at * 1000).getUTCFullYear() === YEAR)
    .flatMap((change) => {
      const day = localDate(history(zone), change.at * 1000);
      const before = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
      return [day, before];
    });
  return [...new Set(days)];
}

describe('planner rows agree with zdump on change days', () => {
  for (const organiser of ORGANISERS) {
    for (const tzdata of ['system', 'runtime'] as const) {
      it(`${organiser} (${tzdata} data), every change day of ${YEAR}, 60- and 15-minute rows`, async () => {
        const days = changeDays(organiser);
        expect(days.length).toBeGreaterThan(0);
        const zones = [organiser, ...OTHERS];
        for (const date of days) {
          const next = new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
          const start = localMidnight(history(organiser), date);
          const end = localMidnight(history(organiser), next);
          for (const stepMinutes of [60, 15] as const) {
            const plan = await planMeeting({ date, zones, hours: [], stepMinutes, days: 1, tzdata });
            const context = `${organiser} ${date} every ${stepMinutes} min`;
            expect(plan.dayLengths[0]!.hours, context).toBe((end - start) / 3_600_000);
            // One row per whole step of the organiser's clock: a change of a whole step keeps
            // ceil(length / step) rows; Lord Howe's 30 minutes moves the next row on to the hour.
            const step = stepMinutes * 60_000;
            const gaps = plan.rows
              .slice(1)
              .map((row, r) => row.epochMilliseconds - plan.rows[r]!.epochMilliseconds);
            for (const gap of gaps) expect(gap > 0 && gap <= step + step / 2, context).toBe(true);
            if ((end - start) % step === 0) expect(plan.rows.length, context).toBe((end - start) / step);
            for (const row of plan.rows)
              expect(Number(row.cells[0]!.time.slice(3)) % stepMinutes, context).toBe(0);
            expect(plan.rows[0]!.epochMilliseconds, context).toBe(start);
            for (const [r, row] of plan.rows.entries()) {
              zones.forEach((zone, i) => {
                const cell = row.cells[i]!;
                const offset = zdumpOffset(history(zone), row.epochMilliseconds);
                const wall = new Date(row.epochMilliseconds + offset * 1000).toISOString();
                expect(`${cell.date} ${cell.time} ${cell.offset}`, `${context} row ${r} ${zone}`).toBe(
                  `${wall.slice(0, 10)} ${wall.slice(11, 16)} ${offsetText(offset)}`,
                );
                const previous =
                  r === 0
                    ? row.epochMilliseconds - stepMinutes * 60_000
                    : plan.rows[r - 1]!.epochMilliseconds;
                const before = zdumpOffset(history(zone), previous);
                expect(cell.offsetChange !== null, `${context} row ${r} ${zone} change mark`).toBe(
                  before !== offset,
                );
              });
            }
          }
        }
      });
    }
  }
});

describe('planner cells say what kind of hour they are', () => {
  it('marks work, off, night and weekend per zone with its own working hours', async () => {
    // Friday 2026-12-04 in New York; Tokyo's Saturday begins during it.
    const plan = await planMeeting({
      date: '2026-12-04',
      zones: ['America/New_York', 'Asia/Tokyo', 'Frankfurt'],
      hours: [
        { start: '09:00', end: '17:00' },
        { start: '08:00', end: '12:00' },
        { start: '22:00', end: '06:00' },
      ],
      stepMinutes: 60,
      days: 1,
      tzdata: 'runtime',
    });
    const at = (hour: number) => plan.rows[hour]!.cells.map((cell) => `${cell.time} ${cell.state}`);
    expect(plan.zones.map((zone) => zone.zone)).toEqual(['America/New_York', 'Asia/Tokyo', 'Europe/Berlin']);
    expect(at(0)).toEqual(['00:00 night', '14:00 off', '06:00 night']);
    expect(at(3)).toEqual(['03:00 night', '17:00 off', '09:00 off']);
    expect(at(9)).toEqual(['09:00 work', '23:00 night', '15:00 off']);
    expect(at(10)).toEqual(['10:00 work', '00:00 weekend', '16:00 off']);
    expect(at(17)).toEqual(['17:00 off', '07:00 weekend', '23:00 work']);
    expect(plan.rows[10]!.cells[1]!.dateChange).toBe('Sat 5 Dec');
    expect(plan.rows.filter((row) => row.everyoneWorking)).toEqual([]);
  });

  it("names the hours inside everyone's working hours", async () => {
    const plan = await planMeeting({
      date: '2026-12-01',
      zones: ['America/New_York', 'Europe/London'],
      hours: [],
      stepMinutes: 30,
      days: 2,
      tzdata: 'runtime',
    });
    const shared = plan.rows
      .filter((row) => row.everyoneWorking)
      .map((row) => row.cells[0]!.date + ' ' + row.cells[0]!.time);
    expect(shared).toEqual([
      '2026-12-01 09:00',
      '2026-12-01 09:30',
      '2026-12-01 10:00',
      '2026-12-01 10:30',
      '2026-12-01 11:00',
      '2026-12-01 11:30',
      '2026-12-02 09:00',
      '2026-12-02 09:30',
      '2026-12-02 10:00',
      '2026-12-02 10:30',
      '2026-12-02 11:00',
      '2026-12-02 11:30',
    ]);
  });

  it('refuses a date that does not exist and an ambiguous zone, in one line', async () => {
    const plan = (date: string, zones: string[]) =>
      planMeeting({ date, zones, hours: [], stepMinutes: 60, days: 1, tzdata: 'runtime' });
    await expect(plan('2026-02-30', ['UTC'])).rejects.toThrow(
      'There is no date 2026-02-30; give the date as YYYY-MM-DD.',
    );
    await expect(plan('9999-12-31', ['UTC'])).rejects.toThrow('Plan days from 0001-01-02 to 9999-12-30.');
    await expect(plan('0001-01-01', ['UTC'])).rejects.toThrow('Plan days from 0001-01-02 to 9999-12-30.');
    await expect(plan('2026-12-01', ['IST'])).rejects.toThrow(
      '"IST" can mean 3 zones: Asia/Jerusalem, Asia/Kolkata, Europe/Dublin. Name one of them.',
    );
  });
});
