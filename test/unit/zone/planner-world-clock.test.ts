import { describe, expect, it } from 'vitest';
import { offsetFromLocal, worldClock } from '../../../src-main/tools/zone/world-clock.ts';
import { zdumpTransitions } from '../../support/zdump.ts';

/** A fixed now: Monday 2026-11-30 10:00 UTC. */
const NOW = Date.UTC(2026, 10, 30, 10, 0);

describe('world clock', () => {
  it('gives each zone its offset from the local one, its day and its next change', async () => {
    const clock = await worldClock(
      {
        zones: ['Asia/Tokyo', 'Asia/Kolkata', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'],
        localZone: 'Europe/Berlin',
        tzdata: 'system',
      },
      NOW,
    );
    expect(clock.localZone).toBe('Europe/Berlin');
    expect(clock.clocks.map((entry) => [entry.zone, entry.time, entry.fromLocal, entry.relativeDay])).toEqual(
      [
        ['Asia/Tokyo', '19:00:00', '+8 h', 'today'],
        ['Asia/Kolkata', '15:30:00', '+4:30', 'today'],
        ['America/New_York', '05:00:00', '−6 h', 'today'],
        ['Pacific/Kiritimati', '00:00:00', '+13 h', 'tomorrow'],
        ['Pacific/Pago_Pago', '23:00:00', '−12 h', 'yesterday'],
      ],
    );
    // New York's next change, as zdump lists it: 2027-03-14 07:00 UTC, clocks forward.
    const next = zdumpTransitions('America/New_York', 2026, 2027).find((change) => change.at * 1000 > NOW)!;
    const newYork = clock.clocks[2]!;
    expect(newYork.nextChange).toEqual({
      at: new Date(next.at * 1000).toISOString(),
      offsetAfter: '-04:00',
      text: `clocks go forward in ${Math.round((Date.UTC(2027, 2, 14) - Date.UTC(2026, 10, 30)) / 86_400_000)} days`,
    });
    expect(clock.clocks[0]!.nextChange).toBeNull();
  });

  it('reads a local zone the data does not know as UTC, and says which', async () => {
    const clock = await worldClock(
      { zones: ['Asia/Tokyo'], localZone: 'Mars/Olympus', tzdata: 'system' },
      NOW,
    );
    expect(clock.localZone).toBe('Etc/UTC');
    expect(clock.clocks[0]!.fromLocal).toBe('+9 h');
  });

  it('writes offsets as people read them', () => {
    expect([0, 3600, -19800, 20700, -34200, 46800].map(offsetFromLocal)).toEqual([
      'same time',
      '+1 h',
      '−5:30',
      '+5:45',
      '−9:30',
      '+13 h',
    ]);
  });
});
