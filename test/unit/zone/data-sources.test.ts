import { describe, expect, it } from 'vitest';
import { convertTime, listZones, zoneTransitions } from '../../../src-main/tools/zone/zone-service.ts';
import { availableSources, chooseSource, versionRank } from '../../../src-main/tools/zone/sources.ts';
import { shippedSource } from '../../../src-main/tools/zone/shipped-source.ts';
import { runSuite } from '../../support/cli.ts';

const convert = (
  time: string,
  from: string,
  to: string[] = [],
  tzdata: 'auto' | 'shipped' | 'system' | 'runtime' = 'auto',
) => convertTime({ time, from, to, disambiguation: 'compatible', tzdata, unixUnit: 'auto' });

describe('the newest tz data answers by default', () => {
  it('is no older than any source present (shipped, system, runtime ICU), and names its version', async () => {
    const versions = availableSources().map((source) => source.version);
    expect(versions.length).toBeGreaterThanOrEqual(2);
    const result = await convert('2026-06-01 12:00', 'Europe/Paris');
    const used = availableSources().find((source) => source.label === result.dataSource)!;
    expect(used).toBeDefined();
    for (const version of versions)
      expect(versionRank(used.version)).toBeGreaterThanOrEqual(versionRank(version));
    expect(result.dataSource).toMatch(/tz \d{4}[a-z]+\)$/);
    expect(result.dataNotice).toBeNull();
  });

  it('never falls back to ICU silently: the runtime answers only when it is the newest or chosen', () => {
    const { source } = chooseSource('auto');
    const runtime = availableSources().find((candidate) => candidate.kind === 'runtime')!;
    if (source.kind === 'runtime') {
      for (const other of availableSources())
        expect(versionRank(runtime.version)).toBeGreaterThan(versionRank(other.version));
    }
    expect(source.label).toContain(source.version);
  });

  it('marks an older source chosen by hand as older', async () => {
    const newest = chooseSource('auto').source;
    for (const source of availableSources()) {
      const result = await convert('2026-06-01 12:00', 'Europe/Paris', [], source.kind);
      expect(result.dataSource).toBe(source.label);
      if (versionRank(source.version) < versionRank(newest.version))
        expect(result.dataNotice).toMatch(
          new RegExp(`^Older data: tz ${source.version} \\(${source.kind}\\)`),
        );
      else expect(result.dataNotice).toBeNull();
    }
  });

  it('lists every version on zone.list', async () => {
    const list = await listZones();
    expect(list.dataVersions.shipped).toMatch(/^shipped \(moment-timezone [\d.]+, tz \d{4}[a-z]\)$/);
    expect(list.dataVersions.newest).toBe(chooseSource('auto').source.label);
  });
});

describe('every name of the data is accepted, with its canonical name shown', () => {
  it('accepts the names ICU refused (Africa/Asmara, Pacific/Chuuk, Etc/GMT±N, CET, EST5EDT)', async () => {
    for (const name of [
      'Africa/Asmara',
      'Pacific/Chuuk',
      'Etc/GMT+5',
      'Etc/GMT-14',
      'CET',
      'EST5EDT',
      'US/Pacific',
      'Europe/Kiev',
    ]) {
      const result = await convert('2024-01-01T00:00:00Z', 'UTC', [name]);
      expect(result.targets[0]!.requestedAs ?? result.targets[0]!.zone).toBe(name);
    }
    const kiev = await convert('2024-01-01T00:00:00Z', 'UTC', ['Europe/Kiev', 'Etc/GMT+5'], 'shipped');
    expect(kiev.targets.map((t) => [t.zone, t.offset, t.abbreviation])).toEqual([
      ['Europe/Kyiv', '+02:00', 'EET'],
      ['Etc/GMT+5', '-05:00', '-05'],
    ]);
  });

  it('every name of the shipped data converts', async () => {
    const names = [...shippedSource().names().keys()];
    expect(names.length).toBeGreaterThan(590);
    const result = await convert('2024-07-01T12:00:00Z', 'UTC', names, 'shipped');
    expect(result.targets).toHaveLength(names.length);
  });
});

describe('shipped data: real abbreviations, tzdata DST flags, any year', () => {
  const at = async (time: string, zone: string) =>
    (await convert(time, 'UTC', [zone], 'shipped')).targets[0]!;

  it.each([
    ['2015-11-15T12:00:00Z', 'America/Cancun', 'EST', false],
    ['2018-01-01T12:00:00Z', 'Asia/Pyongyang', 'KST', false],
    ['2024-01-15T12:00:00Z', 'Asia/Seoul', 'KST', false],
    ['2024-07-15T12:00:00Z', 'Europe/London', 'BST', true],
    ['2024-01-15T12:00:00Z', 'Europe/Dublin', 'GMT', true], // negative DST: winter is the saving time
    ['2024-07-15T12:00:00Z', 'Europe/Dublin', 'IST', false],
    ['0050-01-01T00:00:00Z', 'Asia/Seoul', 'LMT', false],
    ['9999-07-01T00:00:00Z', 'America/New_York', 'EDT', true],
    ['8640000000000000', 'Australia/Sydney', 'AEST', false], // +275760-09-13, Temporal's last instant
  ])('%s in %s is %s, DST %s', async (time, zone, abbreviation, dst) => {
    expect(await at(time, zone)).toMatchObject({ abbreviation, dst });
  });

  it('keeps the DST rule past the data (2499) for every year, like a TZif footer', async () => {
    const result = await zoneTransitions({
      zone: 'Europe/Paris',
      fromYear: 9999,
      toYear: 9999,
      tzdata: 'shipped',
    });
    expect(result.transitions.map((t) => [t.at, t.abbreviationAfter])).toEqual([
      ['9999-03-28T01:00:00Z', 'CEST'],
      ['9999-10-31T01:00:00Z', 'CET'],
    ]);
  });
});

describe('runtime (ICU) data takes its DST flags from tz data where the offsets agree', () => {
  const at = async (time: string, zone: string) =>
    (await convert(time, 'UTC', [zone], 'runtime')).targets[0]!;

  it.each([
    ['2015-11-15T12:00:00Z', 'America/Cancun'],
    ['2018-01-01T12:00:00Z', 'Asia/Pyongyang'],
    ['0050-01-01T00:00:00Z', 'Asia/Seoul'], // local mean time, not DST (Date.UTC read year 50 as 1950)
  ])('%s in %s is not DST', async (time, zone) => {
    expect((await at(time, zone)).dst).toBe(false);
  });

  it('a permanent change does not flip the flag at New Year (Vancouver, 31 Dec 2026 and 1 Jan 2027)', async () => {
    const before = await at('2026-12-31T12:00:00Z', 'America/Vancouver');
    const after = await at('2027-01-01T12:00:00Z', 'America/Vancouver');
    expect(before.offset).toBe(after.offset);
    expect(before.dst).toBe(after.dst);
  });
});

describe('inputs', () => {
  it('honours an RFC 9557 zone annotation', async () => {
    const result = await convert('2024-03-10T02:30[Europe/Paris]', 'America/New_York', ['UTC']);
    expect(result.source.zone).toBe('Europe/Paris');
    expect(result.targets[0]!.iso).toBe('2024-03-10T01:30:00+00:00[Etc/UTC]');
    expect(result.inputNotice).toContain('Europe/Paris');
  });

  it('refuses an offset that contradicts the annotation, as Temporal.ZonedDateTime.from does', async () => {
    await expect(convert('2024-07-01T12:00+01:00[Europe/Paris]', 'UTC')).rejects.toThrow(
      /offset \+01:00 and the zone \[Europe\/Paris\] disagree: Europe\/Paris is at \+02:00/,
    );
    const agreeing = await convert('2024-10-27T02:30+01:00[Europe/Paris]', 'UTC', ['UTC']);
    expect(agreeing.targets[0]!.iso).toBe('2024-10-27T01:30:00+00:00[Etc/UTC]');
  });

  it.each([
    '2024-01-01T00:00+25:00',
    '2024-01-01T00:00+05:60',
    'Mon, 01 Jan 2024 00:00:00 +2500',
    '2024-01-01T00:00-2400',
  ])('CLI: %s is a one-line error, exit 2', async (time) => {
    const run = await runSuite(['zone', 'convert', time, '--from', 'UTC']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/offset .* is out of range/);
  });
});

describe('bounded transitions', () => {
  it('--from 9999 --to 9999 lists that year only, at once', async () => {
    const run = await runSuite([
      'zone',
      'transitions',
      'America/New_York',
      '--from',
      '9999',
      '--to',
      '9999',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { transitions: { at: string }[] };
    expect(result.transitions.map((t) => t.at.slice(0, 4))).toEqual(['9999', '9999']);
  });

  it('stops at 1,000 rows and says so', async () => {
    const result = await zoneTransitions({
      zone: 'Europe/London',
      fromYear: 2000,
      toYear: 2500,
      tzdata: 'shipped',
    });
    expect(result.transitions).toHaveLength(1000);
    expect(result.truncated).toMatch(/^Stopped at 1,000 transitions, the last on 2499-/);
  });

  it('reports progress and lets other requests through while it lists', async () => {
    const events: { found: number; year: number }[] = [];
    const order: string[] = [];
    const listing = zoneTransitions(
      { zone: 'Europe/London', fromYear: 2000, toYear: 2500, tzdata: 'shipped' },
      { signal: new AbortController().signal, progress: (event) => events.push(event) },
    ).then(() => order.push('listing'));
    const other = convert('2024-01-01T00:00:00Z', 'UTC', ['Asia/Tokyo']).then(() => order.push('convert'));
    await Promise.all([listing, other]);
    expect(order).toEqual(['convert', 'listing']);
    expect(events[0]).toEqual({ found: 200, year: 2099 });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      zoneTransitions(
        { zone: 'Europe/London', fromYear: 2000, toYear: 2500, tzdata: 'shipped' },
        { signal: controller.signal, progress: () => {} },
      ),
    ).rejects.toThrow('Cancelled.');
  });
});
