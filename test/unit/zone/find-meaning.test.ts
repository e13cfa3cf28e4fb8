import { describe, expect, it } from 'vitest';
import { findZones, resolveZone } from '../../../src-main/tools/zone/find.ts';
import { Temporal } from '../../../src-main/tools/zone/temporal.ts';
import { runSuite } from '../../support/cli.ts';

describe('zone names as people mean them', () => {
  for (const [code, ours, country] of [
    ['ET', 'America/New_York', 'Africa/Nairobi'],
    ['MT', 'America/Denver', 'Europe/Malta'],
    ['LA', 'America/Los_Angeles', 'Asia/Bangkok'],
    ['AT', 'America/Halifax', 'Europe/Vienna'],
  ] as const) {
    it(`"${code}" is both a common name and a country code: refused with both candidates, never a guess`, async () => {
      expect(() => resolveZone(code)).toThrow(`"${code}" can mean 2 zones: ${ours} (`);
      expect(() => resolveZone(code)).toThrow(`${country} (`);
      expect((await findZones({ text: code })).unique).toBeNull();
    });
  }

  // The most populous city of a name wins over namesakes a tenth its size (London, Ontario; Sydney, Nova Scotia).
  for (const [city, zone] of [
    ['London', 'Europe/London'],
    ['Los Angeles', 'America/Los_Angeles'],
    ['Sydney', 'Australia/Sydney'],
    ['Paris', 'Europe/Paris'],
    ['Naples', 'Europe/Rome'],
    ['Guadalajara', 'America/Mexico_City'],
    ['San Francisco', 'America/Los_Angeles'],
    ['Alexandria', 'Africa/Cairo'],
    ['Ho Chi Minh', 'Asia/Ho_Chi_Minh'],
    ['Troll', 'Antarctica/Troll'],
    ['Lord Howe', 'Australia/Lord_Howe'],
    ['Chatham', 'Pacific/Chatham'],
    ['JP', 'Asia/Tokyo'],
  ] as const) {
    it(`"${city}" means ${zone} for --to and for find`, async () => {
      expect(resolveZone(city)).toBe(zone);
      expect((await findZones({ text: city })).unique).toBe(zone);
    });
  }

  it('asks when no city of a name is ten times bigger than its namesakes (Birmingham, Hyderabad, Valencia)', () => {
    expect(() => resolveZone('Birmingham')).toThrow(
      /"Birmingham" can mean 2 zones: Europe\/London \(Birmingham \(United Kingdom\)\), America\/Chicago/,
    );
    expect(() => resolveZone('Hyderabad')).toThrow('"Hyderabad" can mean 2 zones: Asia/Kolkata');
    expect(() => resolveZone('Valencia')).toThrow('"Valencia" can mean 2 zones: America/Caracas');
  });

  it('reads UTC±H as people mean it (east is +), the reversed Etc/GMT name shown, Temporal agreeing', () => {
    for (const [text, zone, offset] of [
      ['GMT+5', 'Etc/GMT-5', '+05:00'],
      ['UTC-3', 'Etc/GMT+3', '-03:00'],
      ['UTC+14', 'Etc/GMT-14', '+14:00'],
      ['utc - 12', 'Etc/GMT+12', '-12:00'],
      ['UTC+0', 'Etc/UTC', '+00:00'],
    ] as const) {
      expect(resolveZone(text), text).toBe(zone);
      expect(Temporal.Instant.from('2026-06-01T00:00:00Z').toZonedDateTimeISO(zone).offset, text).toBe(
        offset,
      );
    }
    expect(() => resolveZone('UTC+05:30')).toThrow(/has no fixed zone in the tz data/);
    expect(() => resolveZone('UTC-13')).toThrow(/has no fixed zone in the tz data/);
    expect(() => resolveZone('Etc/GMT+5')).not.toThrow();
  });

  it('CLI: --to ET exits 2 in one line; --to GMT+5 shows +05:00 and what was given', async () => {
    const refused = await runSuite(['zone', 'convert', '2026-06-01 12:00', '--from', 'UTC', '--to', 'ET']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const fixed = await runSuite(['zone', 'convert', '2026-06-01 12:00', '--from', 'UTC', '--to', 'GMT+5']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/^Etc\/GMT-5\s+2026-06-01T17:00:00\+05:00 .*\(given as GMT\+5\)$/m);
  });
});
