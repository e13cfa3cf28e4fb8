import { describe, expect, it } from 'vitest';
import { shippedSource } from '../../../src-main/tools/zone/shipped-source.ts';
import { systemSource, zoneinfoDirectory } from '../../../src-main/tools/zone/system-source.ts';
import { zoneTransitions } from '../../../src-main/tools/zone/zone-service.ts';
import { offsetText, zdumpTransitions } from '../../support/zdump.ts';

/**
 * The TZif engine against `zdump -v` on the same files, 1800–2200, for a fresh random sample of the
 * shipped data's zones on every run (the seed is printed); `npm run bench -- zone-check` runs them all.
 */
const dir = zoneinfoDirectory();
const seed = Number(process.env.ZONE_CHECK_SEED ?? Date.now() % 100_000);
let state = seed;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
function sample<T>(items: T[], count: number): T[] {
  return [...items].sort(() => random() - 0.5).slice(0, count);
}

describe.skipIf(!dir)(`zdump -v agrees with the engine on the system's TZif files (seed ${seed})`, () => {
  const system = systemSource(dir!);
  const zones = sample(
    [...new Set(shippedSource().names().values())].filter((zone) => system.has(zone)),
    24,
  );
  for (const zone of zones) {
    it(zone, { timeout: 60_000 }, async () => {
      const ours = await zoneTransitions({ zone, fromYear: 1800, toYear: 2200, tzdata: 'system' });
      const reference = zdumpTransitions(zone, 1800, 2200);
      expect(
        ours.transitions.map((t) => [t.unixSeconds, t.offsetAfter, t.abbreviationAfter, t.dstAfter]),
      ).toEqual(reference.map((t) => [t.at, offsetText(t.offsetAfter), t.abbreviationAfter, t.dstAfter]));
      // Random instants: the type in force is the one the last change before it set.
      for (let i = 0; i < 50; i++) {
        const at = Math.floor(random() * (7_258_118_400 + 5_364_662_400)) - 5_364_662_400;
        const last = reference.filter((t) => t.at <= at).at(-1);
        if (!last) continue;
        const type = system.typeAt(zone, at * 1000);
        expect([at, type.offset, type.abbreviation, type.dst]).toEqual([
          at,
          last.offsetAfter,
          last.abbreviationAfter,
          last.dstAfter,
        ]);
      }
    });
  }
});
