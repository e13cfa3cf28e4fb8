import { describe, expect, it } from 'vitest';
import type { TzdataSource } from '../../../src-main/contract/zone.ts';
import { Temporal } from '../../../src-main/tools/zone/temporal.ts';
import { convertTime, shiftTime, zoneTransitions } from '../../../src-main/tools/zone/zone-service.ts';
import { zoneinfoDirectory } from '../../../src-main/tools/zone/system-source.ts';

/**
 * The engine against Temporal itself (the polyfill over the runtime's ICU) at every gap and overlap
 * of 1970–2040: reading a wall time inside it each way, and ZonedDateTime.add from either side. The
 * engine reads the system's TZif files where they exist (else the shipped data); these zones' rules
 * for those years are the same in every tz release the machines here carry.
 */
const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Halifax',
  'America/St_Johns',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Athens',
  'Europe/Lisbon',
  'Australia/Sydney',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'America/Santiago',
  'America/Sao_Paulo',
  'Asia/Jerusalem',
  'Pacific/Apia',
];
const tzdata: TzdataSource = zoneinfoDirectory() ? 'system' : 'shipped';
const ADDS = [
  { hours: 1 },
  { minutes: 30 },
  {},
  { hours: -1 },
  { days: 1 },
  { months: 1 },
  { days: -1, hours: -2 },
];
const fullAdd = (add: object) => ({ years: 0, months: 0, days: 0, hours: 0, minutes: 0, ...add });

describe('wall times and arithmetic equal Temporal at every gap and overlap, 1970–2040', () => {
  for (const zone of ZONES) {
    it(zone, { timeout: 120_000 }, async () => {
      const { transitions } = await zoneTransitions({ zone, fromYear: 1970, toYear: 2040, tzdata });
      const changes = transitions.filter((t) => t.offsetBefore !== t.offsetAfter);
      expect(changes.length).toBeGreaterThan(0);
      let checked = 0;
      for (const change of changes) {
        const at = change.unixSeconds * 1000;
        const offset = (text: string) =>
          Temporal.Instant.from(`1970-01-01T00:00:00${text}`).epochMilliseconds / -1000;
        const delta = (offset(change.offsetAfter) - offset(change.offsetBefore)) * 1000;
        // A wall time inside the gap (clocks skip it) or the overlap (it happens twice).
        const wallUtc =
          at +
          (delta > 0 ? offset(change.offsetBefore) * 1000 : offset(change.offsetAfter) * 1000) +
          Math.abs(delta) / 2;
        const wall = Temporal.Instant.fromEpochMilliseconds(wallUtc)
          .toZonedDateTimeISO('UTC')
          .toPlainDateTime();
        for (const disambiguation of ['compatible', 'earlier', 'later'] as const) {
          const ours = await convertTime({
            time: wall.toString(),
            from: zone,
            to: [],
            disambiguation,
            tzdata,
            unixUnit: 'auto',
          });
          const temporal = wall.toZonedDateTime(zone, { disambiguation });
          expect([wall.toString(), disambiguation, ours.source.unixMilliseconds]).toEqual([
            wall.toString(),
            disambiguation,
            temporal.epochMilliseconds,
          ]);
          checked++;
        }
        // Both readings of the overlap (or either side of the gap), then each kind of addition.
        for (const start of [at - Math.abs(delta) / 2, at + Math.abs(delta) / 2]) {
          for (const add of ADDS) {
            const ours = await shiftTime({
              time: String(start),
              from: zone,
              unixUnit: 'milliseconds',
              disambiguation: 'compatible',
              tzdata,
              add: fullAdd(add),
            });
            const temporal = Temporal.Instant.fromEpochMilliseconds(start)
              .toZonedDateTimeISO(zone)
              .add(fullAdd(add));
            expect([start, add, ours.after.iso]).toEqual([
              start,
              add,
              temporal.toString({ smallestUnit: 'second' }),
            ]);
            checked++;
          }
        }
      }
      expect(checked).toBe(changes.length * (3 + 2 * ADDS.length));
    });
  }

  it('the issue’s case: +1 hour from the second 01:30 of a fall-back night is 02:30 EST', async () => {
    const shift = (add: object) =>
      shiftTime({
        time: '1730615400',
        from: 'America/New_York',
        unixUnit: 'auto',
        disambiguation: 'compatible',
        tzdata: 'auto',
        add: fullAdd(add),
      });
    expect((await shift({ hours: 1 })).after.iso).toBe('2024-11-03T02:30:00-05:00[America/New_York]');
    expect((await shift({ minutes: 30 })).after.iso).toBe('2024-11-03T02:00:00-05:00[America/New_York]');
    expect((await shift({})).after.iso).toBe('2024-11-03T01:30:00-05:00[America/New_York]');
  });
});
