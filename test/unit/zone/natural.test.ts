import { describe, expect, it } from 'vitest';
import { zoneData } from '../../../src-main/tools/zone/data-source.ts';
import { readNatural } from '../../../src-main/tools/zone/natural-input.ts';
import {
  convertPeopleInput,
  readPeopleInput,
  shiftPeopleInput,
} from '../../../src-main/tools/zone/people-input.ts';

/** A fixed "now": Monday 2026-11-30 10:00 UTC, 11:00 in Berlin, still Sunday 23:00 in Pago Pago. */
const NOW = Date.UTC(2026, 10, 30, 10, 0);
const read = (text: string, zone = 'Europe/Berlin') =>
  readNatural(text, zone, zoneData('system'), NOW)?.time ?? null;

describe('phrases people type, read against a fixed now', () => {
  const cases: [string, string, string | null][] = [
    ['now', 'Europe/Berlin', '2026-11-30T10:00:00Z'],
    ['  NOW ', 'Europe/Berlin', '2026-11-30T10:00:00Z'],
    ['in 90 minutes', 'Europe/Berlin', '2026-11-30T11:30:00Z'],
    ['in 2 hours', 'Asia/Tokyo', '2026-11-30T12:00:00Z'],
    ['in an hour', 'UTC', '2026-11-30T11:00:00Z'],
    ['45 min ago', 'UTC', '2026-11-30T09:15:00Z'],
    ['in 3 days', 'Europe/Berlin', '2026-12-03 11:00'],
    ['in 1 week', 'Europe/Berlin', '2026-12-07 11:00'],
    ['tomorrow 15:00', 'Europe/Berlin', '2026-12-01 15:00'],
    ['tomorrow at 3pm', 'Europe/Berlin', '2026-12-01 15:00'],
    ['3pm tomorrow', 'Europe/Berlin', '2026-12-01 15:00'],
    ['yesterday 23:30', 'Europe/Berlin', '2026-11-29 23:30'],
    ['today noon', 'Europe/Berlin', '2026-11-30 12:00'],
    ['tomorrow midnight', 'Europe/Berlin', '2026-12-01 00:00'],
    // Monday in Berlin: "Monday" is today, "next Monday" a week on.
    ['Monday 9am', 'Europe/Berlin', '2026-11-30 09:00'],
    ['next Monday 9am', 'Europe/Berlin', '2026-12-07 09:00'],
    ['next mon 9:15 AM', 'Europe/Berlin', '2026-12-07 09:15'],
    ['friday 5 pm', 'Europe/Berlin', '2026-12-04 17:00'],
    // Still Sunday in Pago Pago: the coming Monday is tomorrow there.
    ['next Monday 9am', 'Pacific/Pago_Pago', '2026-11-30 09:00'],
    ['tomorrow 9am', 'Pacific/Pago_Pago', '2026-11-30 09:00'],
    ['Monday 9am', 'America/Los_Angeles', '2026-11-30 09:00'],
    ['12am', 'Europe/Berlin', '2026-11-30 00:00'],
    ['12pm', 'Europe/Berlin', '2026-11-30 12:00'],
    ['12:30 a.m.', 'Europe/Berlin', '2026-11-30 00:30'],
    ['3:30 pm', 'Europe/Berlin', '2026-11-30 15:30'],
    ['2026-12-01 3pm', 'Europe/Berlin', '2026-12-01 15:00'],
    // The converter's own formats are left to it.
    ['2026-12-01 15:00', 'Europe/Berlin', null],
    ['2026-12-01', 'Europe/Berlin', null],
    ['1489199400', 'Europe/Berlin', null],
    ['Sat, 11 Mar 2017 11:30:00 +0900', 'Europe/Berlin', null],
    ['in 3 fortnights', 'Europe/Berlin', null],
    ['soonish', 'Europe/Berlin', null],
  ];
  for (const [text, zone, expected] of cases) {
    it(`"${text}" in ${zone}`, () => {
      expect(read(text, zone)).toBe(expected);
    });
  }

  it('refuses a 12-hour time past 12 in one line', () => {
    expect(() => read('13pm')).toThrow('"13pm" is not a 12-hour time: hours run from 1 to 12 with am or pm.');
    expect(() => read('0am')).toThrow(/not a 12-hour time/);
  });
});

describe('converting what people type', () => {
  it('reads cities and phrases, and says how it read them', () => {
    const read = readPeopleInput(
      {
        time: 'tomorrow 3pm',
        from: 'Frankfurt',
        to: ['Seattle', 'Bombay', 'sao paulo', 'Japan'],
        unixUnit: 'auto',
        disambiguation: 'compatible',
        tzdata: 'runtime',
      },
      NOW,
    );
    expect(read.input).toMatchObject({
      time: '2026-12-01 15:00',
      from: 'Europe/Berlin',
      to: ['America/Los_Angeles', 'Asia/Kolkata', 'America/Sao_Paulo', 'Asia/Tokyo'],
    });
    expect(read.reading).toBe('"tomorrow 3pm" → 2026-12-01 15:00 in Europe/Berlin');
  });

  it('says what is accepted when the time cannot be read', async () => {
    const convert = (time: string, from = 'UTC') =>
      convertPeopleInput({
        time,
        from,
        to: [],
        unixUnit: 'auto',
        disambiguation: 'compatible',
        tzdata: 'runtime',
      });
    await expect(convert('next blue moon')).rejects.toThrow(
      'Could not read "next blue moon" as a time. Use now, tomorrow 15:00, in 90 minutes, next Monday 9am, 3:30 pm,',
    );
    await expect(convert('now', 'IST')).rejects.toThrow('"IST" can mean 3 zones');
    // The converter's own precise messages still come through.
    await expect(convert('2023-02-30 10:00')).rejects.toThrow('February 2023 has 28 days');
  });

  it('shift reads the From zone and phrases as convert does', async () => {
    const shifted = await shiftPeopleInput({
      time: '2026-03-28 10:00',
      from: 'Frankfurt',
      unixUnit: 'auto',
      add: { years: 0, months: 0, days: 1, hours: 0, minutes: 0 },
      disambiguation: 'compatible',
      tzdata: 'system',
    });
    expect([shifted.before.zone, shifted.before.offset, shifted.after.wall, shifted.after.offset]).toEqual([
      'Europe/Berlin',
      '+01:00',
      '2026-03-29 10:00:00',
      '+02:00',
    ]);
    await expect(
      shiftPeopleInput({
        time: 'whenever',
        from: 'UTC',
        unixUnit: 'auto',
        add: { years: 0, months: 0, days: 1, hours: 0, minutes: 0 },
        disambiguation: 'compatible',
        tzdata: 'system',
      }),
    ).rejects.toThrow('Could not read "whenever" as a time. Use now, tomorrow 15:00');
  });
});
