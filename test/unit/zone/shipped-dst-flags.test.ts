import { describe, expect, it } from 'vitest';
import { meetingIcs } from '../../../src-main/tools/zone/ics.ts';
import { shippedSource } from '../../../src-main/tools/zone/shipped-source.ts';
import { systemSource, zoneinfoDirectory } from '../../../src-main/tools/zone/system-source.ts';
import { zdumpTransitions } from '../../support/zdump.ts';

/**
 * The shipped data's DST flag (tzdata's zone lines where they describe a period, else derived from
 * the offsets) against `zdump -v` on the system's zoneinfo, for every zone: wherever both have the
 * same offsets and abbreviations either side of one of zdump's changes, the flags after it agree.
 * From the first future change where they differ, a zone's rules changed since the system's data
 * (Morocco, Manitoba in 2026f), and the rest of that zone is not compared.
 */
const dir = zoneinfoDirectory();
/**
 * Where only the flag changes (a zone line's end, with no offset change), the instant comes from the
 * JSON's rough line end, which drops "lastSun" days and u/s suffixes: Easter's "1982 Mar 14 3:00u"
 * is read 6 hours late. The offsets there are right; the flag is off for those hours.
 */
const ROUGH_FLAG_CHANGES = new Set(['Pacific/Easter 1982-03-14T03:00:00.000Z -06']);

describe.skipIf(!dir)('shipped DST flags agree with zdump on the system data', () => {
  it('every zone, every change 1900–2100 where offset and abbreviation agree', { timeout: 300_000 }, () => {
    const shipped = shippedSource();
    const system = systemSource(dir!);
    const zones = [...new Set(shipped.names().values())].filter((zone) => system.has(zone));
    expect(zones.length).toBeGreaterThan(300);
    const disagreements: string[] = [];
    let compared = 0;
    for (const zone of zones) {
      for (const change of zdumpTransitions(zone, 1900, 2100)) {
        const type = shipped.typeAt(zone, change.at * 1000);
        const before = shipped.typeAt(zone, change.at * 1000 - 1000);
        const same =
          type.offset === change.offsetAfter &&
          type.abbreviation === change.abbreviationAfter &&
          before.offset === change.offsetBefore &&
          before.abbreviation === change.abbreviationBefore;
        if (!same && change.at >= Date.UTC(2025, 0, 1) / 1000) break;
        if (!same) continue;
        compared++;
        const where = `${zone} ${new Date(change.at * 1000).toISOString()} ${type.abbreviation}`;
        if (type.dst !== change.dstAfter && !ROUGH_FLAG_CHANGES.has(where)) disagreements.push(where);
      }
    }
    expect(compared).toBeGreaterThan(20_000);
    expect(disagreements).toEqual([]);
  });

  it('Winnipeg on tz 2026f data: EST after November 2026 is standard time, in the result and in the .ics', async () => {
    const winter = shippedSource().typeAt('America/Winnipeg', Date.UTC(2026, 11, 1, 12));
    expect(winter).toMatchObject({ offset: -18_000, abbreviation: 'EST', dst: false });
    const ics = await meetingIcs({
      time: '2026-12-01 09:00',
      from: 'America/Winnipeg',
      minutes: 60,
      title: 'x',
      disambiguation: 'compatible',
      tzdata: 'shipped',
    });
    expect(ics.start.dst).toBe(false);
    const blocks = ics.text.split('BEGIN:').filter((block) => block.startsWith('DAYLIGHT'));
    for (const block of blocks) expect(block).not.toContain('TZNAME:EST');
  });
});
