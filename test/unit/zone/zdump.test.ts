import { describe, expect, it } from 'vitest';
import { zoneTransitions } from '../../../src-main/tools/zone/zone-service.ts';
import { offsetText, zdumpTransitions } from '../../support/zdump.ts';

/** Zones and year ranges checked against zdump: history, both hemispheres, odd offsets, far past and future. */
const cases: [string, number, number][] = [
  ['America/New_York', 1880, 2040],
  ['Europe/London', 1840, 2040],
  ['Europe/Amsterdam', 1830, 1950],
  ['Australia/Sydney', 1890, 2040],
  ['Australia/Lord_Howe', 1975, 2040],
  ['Pacific/Chatham', 1950, 2040],
  ['Asia/Kathmandu', 1900, 2030],
  ['Pacific/Apia', 1890, 2030],
  ['America/Sao_Paulo', 1910, 2030],
  ['Asia/Tehran', 1940, 2030],
  ['Europe/Dublin', 1880, 2040],
  ['Africa/Casablanca', 1910, 2040],
  ['America/St_Johns', 1880, 2040],
  ['Asia/Kolkata', 1850, 2000],
  ['America/New_York', 2090, 2110],
  ['Australia/Sydney', 2380, 2400],
  ['Europe/Paris', 9990, 9999],
];

describe('system data agrees with zdump -v exactly', () => {
  for (const [zone, from, to] of cases) {
    it(`${zone} ${from}–${to}`, async () => {
      const ours = await zoneTransitions({ zone, fromYear: from, toYear: to, tzdata: 'system' });
      const reference = zdumpTransitions(zone, from, to);
      expect(reference.length).toBeGreaterThan(0);
      expect(
        ours.transitions.map((t) => [
          t.unixSeconds,
          t.offsetBefore,
          t.offsetAfter,
          t.abbreviationBefore,
          t.abbreviationAfter,
          t.dstAfter,
        ]),
      ).toEqual(
        reference.map((t) => [
          t.at,
          offsetText(t.offsetBefore),
          offsetText(t.offsetAfter),
          t.abbreviationBefore,
          t.abbreviationAfter,
          t.dstAfter,
        ]),
      );
      expect(ours.dataSource).toMatch(/^system \(.*zoneinfo, tz \w+\)$/);
    });
  }
});

describe('runtime (ICU) data agrees with zdump on offsets since 1970', () => {
  for (const zone of [
    'America/New_York',
    'Europe/London',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'Asia/Kathmandu',
    'Pacific/Apia',
    'America/Sao_Paulo',
  ]) {
    it(zone, async () => {
      const ours = await zoneTransitions({ zone, fromYear: 1970, toYear: 2037, tzdata: 'runtime' });
      const reference = zdumpTransitions(zone, 1970, 2037).filter((t) => t.offsetBefore !== t.offsetAfter);
      expect(ours.transitions.map((t) => [t.unixSeconds, t.offsetBefore, t.offsetAfter])).toEqual(
        reference.map((t) => [t.at, offsetText(t.offsetBefore), offsetText(t.offsetAfter)]),
      );
    });
  }
});
