import { describe, expect, it } from 'vitest';
import { runtimeSource } from '../../../src-main/tools/zone/runtime-source.ts';

describe('abbreviations from the runtime', () => {
  it("are ICU's own short names for every zone, in summer, winter, history and the future", () => {
    const source = runtimeSource();
    const instants = [
      Date.UTC(2026, 5, 15, 12),
      Date.UTC(2026, 0, 15, 12),
      Date.UTC(1935, 5, 1),
      Date.UTC(1900, 0, 1),
      Date.UTC(2011, 11, 30, 12),
      Date.UTC(2100, 0, 1),
    ];
    const differing: string[] = [];
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
      for (const instant of instants) {
        const icu = formatter.formatToParts(instant).find((part) => part.type === 'timeZoneName')!.value;
        const ours = source.typeAt(zone, instant).abbreviation;
        if (ours !== icu) differing.push(`${zone} at ${new Date(instant).toISOString()}: ${ours} ≠ ${icu}`);
      }
    }
    expect(differing).toEqual([]);
  });
});
