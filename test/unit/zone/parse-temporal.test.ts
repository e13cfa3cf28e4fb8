import { describe, expect, it } from 'vitest';
import { convertInput, shiftInput } from '../../../src-main/contract/zone.ts';
import { convertTime } from '../../../src-main/tools/zone/zone-service.ts';
import { Temporal } from '../../../src-main/tools/zone/temporal.ts';
import { runSuite } from '../../support/cli.ts';

const convert = (time: string, from = 'UTC') =>
  convertTime(convertInput.parse({ time, from, tzdata: 'system' }));

describe('times Temporal accepts are read as Temporal reads them', () => {
  it('Z with a [zone] annotation is that instant shown in the zone (RFC 9557)', async () => {
    for (const text of [
      '2024-10-27T02:30:00Z[Europe/Paris]',
      '2024-10-27T00:30:00Z[Europe/Paris]',
      '2026-11-01T05:30:00z[America/New_York]',
      '2026-04-05T15:45:00Z[Australia/Lord_Howe]',
    ]) {
      const reference = Temporal.ZonedDateTime.from(text);
      const result = await convert(text);
      expect(result.source.unixMilliseconds, text).toBe(reference.epochMilliseconds);
      expect(result.source.zone).toBe(reference.timeZoneId);
      expect(result.source.offset).toBe(reference.offset);
      expect(result.source.requestedAs).toBeNull();
    }
    // An explicit offset that is wrong for the zone is still refused, as Temporal refuses it.
    expect(() => Temporal.ZonedDateTime.from('2024-10-27T02:30:00+00:00[Europe/Paris]')).toThrow();
    await expect(convert('2024-10-27T02:30:00+00:00[Europe/Paris]')).rejects.toThrow(/disagree/);
  });

  it('extended years, basic-format ISO and nanoseconds agree with Temporal.Instant', async () => {
    for (const text of [
      '-271821-04-20T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '+010000-01-01T12:00:00+05:30',
      '-000001-12-31T23:59:59Z',
      '20240310T023000Z',
      '20240310T0230Z',
      '20240310T023000.5+0530',
      '2024-03-10T02:30:00.123456789Z',
      '2024-03-10T02:30:00,000000001Z',
    ]) {
      const result = await convert(text);
      expect(result.source.unixMilliseconds, text).toBe(Temporal.Instant.from(text).epochMilliseconds);
    }
    expect((await convert('2024-03-10T02:30:00.123456789Z')).inputReading).toContain(
      '.123456789 kept to the millisecond: .123',
    );
    expect((await convert('2024-03-10T02:30:00.123Z')).inputReading).not.toContain('kept to the millisecond');
  });

  it('instants past Temporal’s range are refused in one line, exit 2', async () => {
    for (const text of ['-271821-04-19T23:00:00Z', '+275760-09-13T00:00:01Z']) {
      expect(() => Temporal.Instant.from(text), text).toThrow(RangeError);
      await expect(convert(text)).rejects.toThrow(/outside the instants Temporal can represent/);
    }
    const run = await runSuite([
      'zone',
      'convert',
      '--from',
      'America/New_York',
      '--',
      '+275760-09-13T00:00:00',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a bare number read as milliseconds by its size says so, with the seconds reading beside it', async () => {
    for (const [text, year] of [
      ['167253120000', 7270],
      ['1672531200000', 54970],
    ] as const) {
      const result = await convert(text);
      expect(result.source.unixMilliseconds).toBe(
        Temporal.Instant.fromEpochMilliseconds(Number(text)).epochMilliseconds,
      );
      expect(result.inputReading).toContain('Unix time in milliseconds (12 or more digits;');
      expect(result.inputReading).toContain(`as seconds it would be the year ${year}`);
      expect(Temporal.Instant.fromEpochMilliseconds(Number(text) * 1000).toZonedDateTimeISO('UTC').year).toBe(
        year,
      );
    }
    const seconds = await convertTime(
      convertInput.parse({ time: '167253120000', from: 'UTC', unixUnit: 'seconds', tzdata: 'system' }),
    );
    expect(seconds.source.unixSeconds).toBe(167253120000);
    expect((await convert('16725312000')).inputReading).toContain(
      'Unix time in seconds (fewer than 12 digits)',
    );
  });

  it('shift amounts with mixed signs are refused, as Temporal.Duration refuses them', () => {
    const add = (amounts: Record<string, number>) =>
      shiftInput.safeParse({ time: '2026-03-08 12:00', from: 'UTC', add: { ...amounts } });
    expect(() => Temporal.Duration.from({ days: -1, hours: 2 })).toThrow(RangeError);
    expect(add({ days: -1, hours: 2 }).success).toBe(false);
    expect(add({ years: 1, minutes: -5 }).success).toBe(false);
    expect(add({ days: -1, hours: -2 }).success).toBe(true);
    expect(add({ days: 1, hours: 0 }).success).toBe(true);
  });
});
