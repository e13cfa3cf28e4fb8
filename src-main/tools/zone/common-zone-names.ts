import { SuiteError } from '../../core/suite-error.ts';

/**
 * Names people use that no tz data spells: the generic North American zone names (ET, PT…) and city
 * nicknames. A two-letter one is also a country code (ET is Ethiopia), so both readings are offered.
 */
export const COMMON_NAMES: Record<string, { zone: string; label: string }> = {
  ET: { zone: 'America/New_York', label: 'Eastern Time' },
  CT: { zone: 'America/Chicago', label: 'Central Time' },
  MT: { zone: 'America/Denver', label: 'Mountain Time' },
  PT: { zone: 'America/Los_Angeles', label: 'Pacific Time' },
  AT: { zone: 'America/Halifax', label: 'Atlantic Time' },
  AKT: { zone: 'America/Anchorage', label: 'Alaska Time' },
  LA: { zone: 'America/Los_Angeles', label: 'Los Angeles' },
  NYC: { zone: 'America/New_York', label: 'New York City' },
  SF: { zone: 'America/Los_Angeles', label: 'San Francisco' },
};

const OFFSET_NAME = /^(?:UTC|GMT|UT)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * "UTC-3", "GMT+5", "UTC+05:30" as people mean them (east of Greenwich is +). The tz data's fixed
 * zones use the POSIX sign, reversed: UTC−3 is Etc/GMT+3. Returns that zone and a label that says so,
 * null when the text is no such offset; an offset with minutes or beyond the data's range is refused.
 */
export function offsetZone(text: string): { zone: string; label: string } | null {
  const match = OFFSET_NAME.exec(text.trim());
  if (!match) return null;
  const east = match[1] === '+';
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  const written = `UTC${east ? '+' : '−'}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  if (minutes !== 0 || hours > (east ? 14 : 12))
    throw new SuiteError(
      'BAD_INPUT',
      `"${text.trim()}" (${written}) has no fixed zone in the tz data, which has whole hours from UTC−12 to UTC+14 only (Etc/GMT+12 … Etc/GMT-14). Choose a zone with that offset, such as Asia/Kolkata for UTC+05:30.`,
    );
  if (hours === 0) return { zone: 'Etc/UTC', label: written };
  const zone = `Etc/GMT${east ? '-' : '+'}${hours}`;
  return { zone, label: `${written}, which the tz data names ${zone} (POSIX sign, reversed)` };
}
