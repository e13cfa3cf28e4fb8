import { describe, expect, it } from 'vitest';
import { shippedSource } from '../../../src-main/tools/zone/shipped-source.ts';
import { systemSource, zoneinfoDirectory } from '../../../src-main/tools/zone/system-source.ts';
import type { ZoneSource } from '../../../src-main/tools/zone/zone-source.ts';

/** Transitions of a zone between two years, as text to compare. */
function changes(source: ZoneSource, zone: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let cursor = Date.UTC(from, 0, 1) - 1; ;) {
    const next = source.nextTransition(zone, cursor);
    if (!next || next.at >= Date.UTC(to + 1, 0, 1)) return out;
    out.push(
      `${new Date(next.at).toISOString()} ${next.after.offset} ${next.after.abbreviation} ${next.after.dst}`,
    );
    cursor = next.at;
  }
}

const dir = zoneinfoDirectory();

describe.skipIf(!dir)('the rule derived past the shipped data (2499) is the footer zic wrote', () => {
  it('gives the same changes as the system TZif footer in 2500–2530 and 9990–9999, for every zone whose 2480s agree', () => {
    const shipped = shippedSource();
    const system = systemSource(dir!);
    let compared = 0;
    for (const zone of new Set(shipped.names().values())) {
      if (!system.has(zone)) continue;
      // A zone whose rules changed between the two tz releases is no test of the derivation.
      if (changes(shipped, zone, 2480, 2499).join() !== changes(system, zone, 2480, 2499).join()) continue;
      expect([zone, ...changes(shipped, zone, 2500, 2530)]).toEqual([
        zone,
        ...changes(system, zone, 2500, 2530),
      ]);
      expect([zone, ...changes(shipped, zone, 9990, 9999)]).toEqual([
        zone,
        ...changes(system, zone, 9990, 9999),
      ]);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });
});
