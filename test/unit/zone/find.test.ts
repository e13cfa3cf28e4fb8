import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findZones, resolveZone } from '../../../src-main/tools/zone/find.ts';
import { canonicalZone } from '../../../src-main/tools/zone/zone-names.ts';
import { runSuite } from '../../support/cli.ts';

/** The abbreviations zdump prints for a zone now and across 2025–2027, the reference for what an abbreviation can mean. */
function zdumpAbbreviations(zone: string): Set<string> {
  const changes = execFileSync('zdump', ['-v', '-c', '2025,2028', zone], { encoding: 'utf8' });
  // A zone without changes in the range shows its abbreviation only in plain zdump's line for now.
  const current = execFileSync('zdump', [zone], { encoding: 'utf8' }).trim().split(/\s+/).at(-1)!;
  return new Set([current, ...[...changes.matchAll(/ (\S+) isdst=/g)].map((match) => match[1]!)]);
}

describe('zone search', () => {
  const unique: [string, string][] = [
    ['Frankfurt', 'Europe/Berlin'],
    ['frankfurt', 'Europe/Berlin'],
    ['Seattle', 'America/Los_Angeles'],
    ['Mumbai', 'Asia/Kolkata'],
    ['Bombay', 'Asia/Kolkata'],
    ['Sao Paulo', 'America/Sao_Paulo'],
    ['São Paulo', 'America/Sao_Paulo'],
    ['sao_paulo', 'America/Sao_Paulo'],
    ['Japan', 'Asia/Tokyo'],
    ['JP', 'Asia/Tokyo'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['europe/berlin', 'Europe/Berlin'],
    ['UTC', 'Etc/UTC'],
  ];
  for (const [text, zone] of unique) {
    it(`"${text}" names ${zone}`, async () => {
      expect(resolveZone(text)).toBe(zone);
      expect((await findZones({ text })).unique).toBe(zone);
    });
  }

  for (const [abbreviation, some] of [
    ['IST', ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem']],
    ['PST', ['America/Los_Angeles']],
    ['AEST', ['Australia/Sydney', 'Australia/Brisbane']],
  ] as const) {
    it(`"${abbreviation}" lists every zone zdump shows using it, and is refused as ambiguous`, async () => {
      const found = await findZones({ text: abbreviation });
      const byAbbreviation = found.matches
        .filter((match) => match.by === 'abbreviation')
        .map((match) => match.zone);
      for (const zone of some) expect(byAbbreviation).toContain(zone);
      for (const zone of byAbbreviation) expect(zdumpAbbreviations(zone), zone).toContain(abbreviation);
      expect(found.unique).toBeNull();
      expect(() => resolveZone(abbreviation)).toThrow(
        `"${abbreviation}" can mean ${byAbbreviation.length} zones:`,
      );
    });
  }

  it('reads a name the data has as that zone, and lists the abbreviation readings too', async () => {
    // CET is a zone of its own in the tz data (a link since 2024b), as the converter reads it.
    const zone = canonicalZone('CET');
    expect(resolveZone('CET')).toBe(zone);
    const found = await findZones({ text: 'CET' });
    expect(found.unique).toBe(zone);
    const byAbbreviation = found.matches
      .filter((match) => match.by === 'abbreviation')
      .map((match) => match.zone);
    expect(byAbbreviation).toEqual(expect.arrayContaining(['Europe/Paris', 'Europe/Rome', 'Africa/Algiers']));
    for (const other of byAbbreviation) expect(zdumpAbbreviations(other), other).toContain('CET');
  });

  it('refuses unknown names with what is accepted, in one line', () => {
    expect(() => resolveZone('Atlantis')).toThrow(
      'Unknown time zone "Atlantis". Give an IANA zone (Europe/Berlin), a city (Frankfurt, Sao Paulo), a country (Japan, JP) or an abbreviation (PST, CET).',
    );
    expect(() => resolveZone('Europe/Pari')).toThrow('Did you mean Europe/Paris?');
    expect(() => resolveZone('+05:30')).toThrow(/is an offset, not a time zone/);
  });

  it('lists partial matches for a search', async () => {
    const found = await findZones({ text: 'frank' });
    expect(found.matches.map((match) => match.label)).toContain('Frankfurt (Germany)');
    expect(found.unique).toBeNull();
  });
});

describe('suite zone find and --from/--to names', () => {
  it('find prints candidates; nothing found is exit 1', async () => {
    const run = await runSuite(['zone', 'find', 'IST']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Asia\/Jerusalem .* abbreviation: IST$/m);
    expect(run.stdout).toContain('"IST" names no single zone');
    const none = await runSuite(['zone', 'find', 'Qwxyz']);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('No zone matches "Qwxyz".\n');
  });

  it('convert takes a city and refuses an ambiguous abbreviation with exit 2', async () => {
    const ok = await runSuite([
      'zone',
      'convert',
      '2026-12-01 09:00',
      '--from',
      'Frankfurt',
      '--to',
      'Seattle',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^America\/Los_Angeles\s+2026-12-01T00:00:00-08:00/m);
    const ambiguous = await runSuite(['zone', 'convert', '2026-12-01 09:00', '--from', 'IST']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr.trim().split('\n')).toHaveLength(1);
    expect(ambiguous.stderr).toContain(
      '"IST" can mean 3 zones: Asia/Jerusalem, Asia/Kolkata, Europe/Dublin.',
    );
  });
});
