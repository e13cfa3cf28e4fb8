import type { ZoneEntry, ZoneList } from '../../src-main/contract/zone.ts';
import { call } from './bridge.ts';

/** The zone list, fetched once and shared by every picker. */
class ZoneCatalog {
  list = $state<ZoneList | null>(null);
  error = $state('');
  #loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.#loading ??= call('zone.list', {}).then((outcome) => {
      if (outcome.ok) this.list = outcome.value;
      else this.error = outcome.error.message;
    });
    return this.#loading;
  }
}

export const zoneCatalog = new ZoneCatalog();

/** Zones whose name, aliases, country, cities, abbreviation or offset contain every word typed. */
export function searchZones(zones: ZoneEntry[], query: string): ZoneEntry[] {
  const words = query.toLowerCase().replace(/_/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return zones;
  const scored = zones
    .map((zone) => {
      const haystack = [
        zone.id,
        ...zone.aliases,
        zone.country ?? '',
        ...zone.cities,
        zone.abbreviationNow,
        zone.offsetNow,
        `utc${zone.offsetNow}`,
      ]
        .join(' ')
        .toLowerCase()
        .replace(/_/g, ' ');
      if (!words.every((word) => haystack.includes(word))) return null;
      const id = zone.id.toLowerCase().replace(/_/g, ' ');
      const score = id === words.join(' ') ? 0 : id.split('/').at(-1)!.startsWith(words[0]!) ? 1 : 2;
      return { zone, score };
    })
    .filter((entry) => entry !== null);
  return scored
    .sort((a, b) => a.score - b.score || a.zone.id.localeCompare(b.zone.id))
    .map((entry) => entry.zone);
}
