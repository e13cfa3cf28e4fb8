import type { ZoneEntry } from '../../../src-main/contract/zone.ts';

/** A zone name as the data spells it (a canonical name or a link, in any case), or null when the data has no such zone. */
export function knownZone(zones: ZoneEntry[], name: string): string | null {
  const wanted = name.trim().toLowerCase();
  if (wanted === '') return null;
  for (const zone of zones)
    for (const candidate of [zone.id, ...zone.aliases])
      if (candidate.toLowerCase() === wanted) return candidate;
  return null;
}

/**
 * Saved favourites checked against the zone list: one that is not a zone (edited by hand, or gone
 * from the data) is dropped and named, so it cannot make every conversion fail.
 */
export function checkFavourites(
  zones: ZoneEntry[],
  saved: readonly unknown[],
): { valid: string[]; dropped: string[] } {
  const valid: string[] = [];
  const dropped: string[] = [];
  for (const entry of saved) {
    const zone = typeof entry === 'string' ? knownZone(zones, entry) : null;
    if (zone === null) dropped.push(String(entry).slice(0, 80));
    else if (!valid.includes(zone)) valid.push(zone);
  }
  return { valid, dropped };
}
