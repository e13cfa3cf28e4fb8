import { describe, expect, it } from 'vitest';
import { zonedTimeFast } from '../../../src-main/tools/zone/fast-zoned-time.ts';
import { availableSources } from '../../../src-main/tools/zone/sources.ts';
import { zonedTime } from '../../../src-main/tools/zone/zoned-time.ts';

/** Instants of every kind: fractions of a second, before 1970, LMT offsets with seconds, the ends of the range. */
function instants(): number[] {
  const fixed = [
    0,
    -1,
    1,
    999,
    -999,
    Date.UTC(1, 0, 1),
    Date.UTC(1, 0, 1, 12),
    Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    Date.UTC(9999, 11, 31, 12),
    Date.UTC(1800, 5, 1, 12, 0, 0, 120),
    Date.UTC(1900, 0, 1),
    Date.UTC(2024, 2, 10, 7, 0, 0),
    Date.UTC(2024, 2, 10, 6, 59, 59, 999),
    Date.UTC(2026, 9, 25, 1, 0, 0, 500),
    8.64e15,
    -8.64e15,
  ];
  const random = Array.from({ length: 40 }, () => Math.round((Math.random() - 0.5) * 2 * 7e12));
  return [...fixed, ...random];
}

describe('zonedTimeFast gives zonedTime’s answer', () => {
  for (const source of availableSources()) {
    it(`for every zone of the ${source.kind} data at ${instants().length} instants`, () => {
      const zones = [...new Set(source.names().values())];
      expect(zones.length).toBeGreaterThan(300);
      const at = instants();
      // The same answer, or the same error where the engine has none to give.
      const outcome = (convert: typeof zonedTime, zone: string, ms: number) => {
        try {
          return convert(source, zone, ms, 'Given');
        } catch (error) {
          return String(error);
        }
      };
      for (const zone of zones)
        for (const ms of at)
          expect(outcome(zonedTimeFast, zone, ms), `${zone} at ${ms}`).toEqual(outcome(zonedTime, zone, ms));
    });
  }
});
