import type { TzdataSource } from '../../contract/zone.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { runtimeSource } from './runtime-source.ts';
import { shippedSource } from './shipped-source.ts';
import { systemSource, zoneinfoDirectory } from './system-source.ts';
import type { SourceKind, ZoneSource } from './zone-source.ts';

let shipped: ZoneSource | undefined;
let system: ZoneSource | null | undefined;
let runtime: ZoneSource | undefined;

/** Every tz data source present here: the shipped data always, the system's zoneinfo where it exists, the runtime's ICU. */
export function availableSources(): ZoneSource[] {
  shipped ??= shippedSource();
  runtime ??= runtimeSource(shipped);
  if (system === undefined) {
    const dir = zoneinfoDirectory();
    system = dir ? systemSource(dir) : null;
  }
  return [shipped, ...(system ? [system] : []), runtime];
}

/** "2026f" to a number that sorts releases: year, then letter; "unknown" sorts first. */
export function versionRank(version: string): number {
  const match = /^(\d{4})([a-z]*)$/.exec(version);
  if (!match) return -1;
  const letters = [...match[2]!].reduce((sum, char) => sum * 27 + char.charCodeAt(0) - 96, 0);
  return Number(match[1]) * 1e6 + letters;
}

/** Preference among sources of the same version: TZif files first (full history, zdump's own data). */
const PREFERENCE: SourceKind[] = ['system', 'shipped', 'runtime'];

/** The newest tz data present: newest version wins, ties go to the system's files, then the shipped data. */
export function newestSource(): ZoneSource {
  return [...availableSources()].sort(
    (a, b) =>
      versionRank(b.version) - versionRank(a.version) ||
      PREFERENCE.indexOf(a.kind) - PREFERENCE.indexOf(b.kind),
  )[0]!;
}

export interface ChosenSource {
  source: ZoneSource;
  /** Set when the data chosen by hand is older than the newest present: "… is older than …". */
  notice: string | null;
}

/** The source for a request: the newest by default ("auto"), or the one chosen, marked when it is older. */
export function chooseSource(choice: TzdataSource): ChosenSource {
  const newest = newestSource();
  if (choice === 'auto') return { source: newest, notice: null };
  const source = availableSources().find((candidate) => candidate.kind === choice);
  if (!source)
    throw new SuiteError('UNSUPPORTED', 'This system has no zoneinfo files (TZif); use the shipped data.');
  const older = versionRank(source.version) < versionRank(newest.version);
  return {
    source,
    notice: older
      ? `Older data: tz ${source.version} (${source.kind}) was chosen, but tz ${newest.version} (${newest.kind}) is here; results may be out of date.`
      : null,
  };
}
