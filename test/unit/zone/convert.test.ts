import { describe, expect, it } from 'vitest';
import type { TzdataSource } from '../../../src-main/contract/zone.ts';
import { convertTime, shiftTime } from '../../../src-main/tools/zone/zone-service.ts';
import { offsetText, zdumpTransitions } from '../../support/zdump.ts';

const convert = (
  time: string,
  from: string,
  to: string[] = [],
  extra: Partial<Parameters<typeof convertTime>[0]> = {},
) =>
  convertTime({
    time,
    from,
    to,
    disambiguation: 'compatible',
    tzdata: 'runtime',
    unixUnit: 'auto',
    ...extra,
  });
const shift = (
  time: string,
  from: string,
  add: Partial<{ years: number; months: number; days: number; hours: number; minutes: number }>,
  tzdata: TzdataSource = 'runtime',
) =>
  shiftTime({
    time,
    from,
    unixUnit: 'auto',
    disambiguation: 'compatible',
    tzdata,
    add: { years: 0, months: 0, days: 0, hours: 0, minutes: 0, ...add },
  });
const sources: TzdataSource[] = ['runtime', 'system'];

describe("the seed article's example", () => {
  for (const tzdata of sources) {
    it(`2017-03-11 11:30 in Seoul is 21:30 -05:00 the day before in New York, and -04:00 on the 15th (${tzdata})`, async () => {
      const result = await convert('2017-03-11 11:30', 'Asia/Seoul', ['America/New_York'], { tzdata });
      expect(result.targets[0]!.iso).toBe('2017-03-10T21:30:00-05:00[America/New_York]');
      const moved = await shift('2017-03-10 21:30', 'America/New_York', { days: 5 }, tzdata);
      expect(moved.after.iso).toBe('2017-03-15T21:30:00-04:00[America/New_York]');
      expect(moved.offsetChange).toBe(`The offset changed on the way: -05:00 (EST) became -04:00 (EDT).`);
    });
  }
});

/** The transition zdump reports in a zone during a year, nearest to the given month. */
function transitionIn(zone: string, year: number, month: number) {
  return zdumpTransitions(zone, year, year).find((t) => new Date(t.at * 1000).getUTCMonth() + 1 === month)!;
}

/** Wall times that do not exist (gap) or exist twice (overlap), with zdump's offsets around them. */
const ambiguous: { zone: string; wall: string; year: number; month: number; kind: 'gap' | 'overlap' }[] = [
  { zone: 'America/New_York', wall: '2024-03-10 02:30', year: 2024, month: 3, kind: 'gap' },
  { zone: 'America/New_York', wall: '2024-11-03 01:30', year: 2024, month: 11, kind: 'overlap' },
  { zone: 'Europe/London', wall: '2024-03-31 01:30', year: 2024, month: 3, kind: 'gap' },
  { zone: 'Europe/London', wall: '2024-10-27 01:30', year: 2024, month: 10, kind: 'overlap' },
  { zone: 'Australia/Sydney', wall: '2024-10-06 02:30', year: 2024, month: 10, kind: 'gap' },
  { zone: 'Australia/Sydney', wall: '2024-04-07 02:30', year: 2024, month: 4, kind: 'overlap' },
  { zone: 'Australia/Lord_Howe', wall: '2024-10-06 02:15', year: 2024, month: 10, kind: 'gap' },
  { zone: 'Australia/Lord_Howe', wall: '2024-04-07 01:45', year: 2024, month: 4, kind: 'overlap' },
  { zone: 'Pacific/Chatham', wall: '2024-09-29 03:00', year: 2024, month: 9, kind: 'gap' },
  { zone: 'Pacific/Chatham', wall: '2024-04-07 03:00', year: 2024, month: 4, kind: 'overlap' },
  { zone: 'Pacific/Apia', wall: '2011-12-30 12:00', year: 2011, month: 12, kind: 'gap' },
];

describe('DST gaps and overlaps are named, never shifted silently', () => {
  for (const { zone, wall, year, month, kind } of ambiguous) {
    for (const tzdata of sources) {
      it(`${wall} in ${zone} is a ${kind} (${tzdata})`, async () => {
        const transition = transitionIn(zone, year, month);
        const wallUtc = Date.parse(`${wall.replace(' ', 'T')}:00Z`);
        // Reading the wall time with the offset before or after the change, as zdump reports them.
        const withBefore = wallUtc - transition.offsetBefore * 1000;
        const withAfter = wallUtc - transition.offsetAfter * 1000;
        const [earlier, later] = kind === 'gap' ? [withAfter, withBefore] : [withBefore, withAfter];
        for (const disambiguation of ['compatible', 'earlier', 'later'] as const) {
          const result = await convert(wall, zone, ['UTC'], { tzdata, disambiguation });
          expect(result.ambiguity?.kind).toBe(kind);
          expect(result.ambiguity?.earlier.unixMilliseconds).toBe(earlier);
          expect(result.ambiguity?.later.unixMilliseconds).toBe(later);
          const chosen =
            disambiguation === 'compatible'
              ? kind === 'gap'
                ? later
                : earlier
              : disambiguation === 'earlier'
                ? earlier
                : later;
          expect(result.source.unixMilliseconds).toBe(chosen);
        }
        await expect(convert(wall, zone, [], { tzdata, disambiguation: 'reject' })).rejects.toThrow(
          kind === 'gap' ? 'does not exist in this zone' : 'happens twice in this zone',
        );
      });
    }
  }

  it('says in words what happened at the gap', async () => {
    const result = await convert('2024-03-10 02:30', 'America/New_York');
    expect(result.ambiguity?.message).toBe(
      '2024-03-10 02:30:00 does not exist in America/New_York: the clocks skip from -05:00 to -04:00 there. Earlier reads it as 2024-03-10 01:30:00 EST, later as 2024-03-10 03:30:00 EDT.',
    );
  });

  it('Samoa skipped 30 December 2011 entirely', async () => {
    const result = await convert('2011-12-30 12:00', 'Pacific/Apia', [], { tzdata: 'system' });
    expect(result.ambiguity?.earlier.wall).toBe('2011-12-29 12:00:00');
    expect(result.ambiguity?.later.wall).toBe('2011-12-31 12:00:00');
    const dayAfter = await shift('2011-12-29 12:00', 'Pacific/Apia', { days: 1 }, 'system');
    expect(dayAfter.after.wall).toBe('2011-12-31 12:00:00');
    expect(dayAfter.ambiguity?.kind).toBe('gap');
  });
});

describe('odd offsets and history', () => {
  it('Kathmandu is +05:45 and Chatham +12:45 / +13:45', async () => {
    const result = await convert('2024-01-15T00:00:00Z', 'UTC', [
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'Pacific/Chatham',
    ]);
    expect(result.targets.map((t) => t.offset)).toEqual(['+05:45', '+13:45', '+13:45']);
    const winter = await convert('2024-07-15T00:00:00Z', 'UTC', ['Pacific/Chatham']);
    expect(winter.targets[0]!.offset).toBe('+12:45');
  });

  it('Amsterdam before 1937 had +00:19:32 in the system data, and the result says which data answered', async () => {
    const reference = zdumpTransitions('Europe/Amsterdam', 1935, 1935)[0]!;
    const system = await convert('1935-01-15T12:00:00Z', 'UTC', ['Europe/Amsterdam'], { tzdata: 'system' });
    expect(system.targets[0]).toMatchObject({
      offset: offsetText(reference.offsetBefore),
      abbreviation: 'AMT',
      wall: '1935-01-15 12:19:32',
    });
    expect(system.targets[0]!.offset).toBe('+00:19:32');
    expect(system.dataSource).toMatch(/^system/);
    const runtime = await convert('1935-01-15T12:00:00Z', 'UTC', ['Europe/Amsterdam']);
    expect(runtime.dataSource).toMatch(/^runtime \(ICU/);
    // An offset with seconds cannot be written in RFC 2822; that form is given in UTC instead.
    expect(system.targets[0]!.rfc2822).toBe('Tue, 15 Jan 1935 12:00:00 +0000');
  });

  it('reaches far into the past (local mean time) and the future (footer rules)', async () => {
    const past = await convert('1800-06-01T12:00:00Z', 'UTC', ['America/New_York'], { tzdata: 'system' });
    expect(past.targets[0]!.offset).toBe('-04:56:02');
    const runtimePast = await convert('1800-06-01T12:00:00Z', 'UTC', ['America/New_York']);
    expect(runtimePast.targets[0]!.offset).toBe('-04:56:02');
    for (const tzdata of sources) {
      const future = await convert('2300-07-01 12:00', 'America/New_York', ['Australia/Sydney'], { tzdata });
      expect([future.source.offset, future.targets[0]!.offset]).toEqual(['-04:00', '+10:00']);
    }
  });

  it('accepts legacy names and shows the canonical one', async () => {
    const result = await convert('2024-01-01T00:00:00Z', 'US/Pacific', ['Asia/Calcutta', 'Europe/Kiev']);
    expect(result.source).toMatchObject({ zone: 'America/Los_Angeles', requestedAs: 'US/Pacific' });
    expect(result.targets.map((t) => [t.zone, t.requestedAs])).toEqual([
      ['Asia/Kolkata', 'Asia/Calcutta'],
      ['Europe/Kyiv', 'Europe/Kiev'],
    ]);
  });
});

describe('input forms', () => {
  it('reads Unix seconds and milliseconds, detected by size, and obeys the toggle', async () => {
    const seconds = await convert('1489199400', 'UTC');
    expect([seconds.inputKind, seconds.source.wall]).toEqual(['unix-seconds', '2017-03-11 02:30:00']);
    const millis = await convert('1489199400123', 'UTC');
    expect([millis.inputKind, millis.source.wall]).toEqual(['unix-milliseconds', '2017-03-11 02:30:00.123']);
    const forced = await convert('1489199400', 'UTC', [], { unixUnit: 'milliseconds' });
    expect([forced.inputKind, forced.source.wall]).toEqual(['unix-milliseconds', '1970-01-18 05:39:59.400']);
  });

  it('reads ISO-8601 with Z or an offset as an instant, whatever the From zone', async () => {
    for (const text of ['2017-03-11T02:30:00Z', '2017-03-11T11:30:00+09:00', '2017-03-10T21:30-0500']) {
      const result = await convert(text, 'Europe/Paris');
      expect([result.inputKind, result.source.unixSeconds]).toEqual(['iso-instant', 1489199400]);
    }
  });

  it('reads RFC 2822 and checks the weekday', async () => {
    const result = await convert('Sat, 11 Mar 2017 11:30:00 +0900', 'UTC');
    expect([result.inputKind, result.source.unixSeconds]).toEqual(['rfc2822', 1489199400]);
    expect((await convert('11 Mar 17 02:30 GMT', 'UTC')).source.unixSeconds).toBe(1489199400);
    await expect(convert('Mon, 11 Mar 2017 11:30:00 +0900', 'UTC')).rejects.toThrow(
      '11 March 2017 was a Saturday, not a Monday.',
    );
  });

  it('writes every notation', async () => {
    const result = await convert('2017-03-11 11:30', 'Asia/Seoul');
    expect(result.source).toMatchObject({
      wall: '2017-03-11 11:30:00',
      weekday: 'Saturday',
      offset: '+09:00',
      iso: '2017-03-11T11:30:00+09:00[Asia/Seoul]',
      unixSeconds: 1489199400,
      unixMilliseconds: 1489199400000,
      rfc2822: 'Sat, 11 Mar 2017 11:30:00 +0900',
    });
  });
});

describe('invalid input gets a message naming what is wrong', () => {
  const cases: [string, string, string | RegExp][] = [
    ['2023-02-30 10:00', 'UTC', 'February 2023 has 28 days, so there is no February 30.'],
    ['2024-02-30 10:00', 'UTC', 'February 2024 has 29 days, so there is no February 30.'],
    ['2024-01-10 25:00', 'UTC', '25:00 is not a time of day: hours run from 00 to 23.'],
    ['2024-13-01', 'UTC', 'There is no month 13: months run from 01 to 12.'],
    ['2024-01-10 10:61', 'UTC', 'Minutes run from 00 to 59, not 61.'],
    ['yesterday', 'UTC', /^Could not read "yesterday" as a time\./],
    ['2024-01-10 10:00', 'Mars/Olympus', 'Unknown time zone "Mars/Olympus".'],
    ['2024-01-10 10:00', 'Europe/Pari', 'Unknown time zone "Europe/Pari". Did you mean Europe/Paris?'],
    ['2024-01-10 10:00', '+05:30', /is an offset, not a time zone/],
  ];
  for (const [time, zone, message] of cases) {
    it(`${time} in ${zone}`, async () => {
      await expect(convert(time, zone)).rejects.toThrow(message);
    });
  }
});
