import type { Disambiguation } from '../../contract/zone.ts';
import type { TemporalTypes } from './temporal.ts';
import type { LocalTimeType } from './tzif.ts';

export interface RawTransition {
  /** Unix milliseconds of the change. */
  at: number;
  before: LocalTimeType;
  after: LocalTimeType;
}

export interface Resolution {
  epochMilliseconds: number;
  status: 'unique' | 'gap' | 'overlap';
  /** Both readings of an ambiguous or missing wall time (equal when unique). */
  earlier: number;
  later: number;
}

export type SourceKind = 'shipped' | 'system' | 'runtime';

/** Where zone rules come from: the tz data shipped with the app, the system's zoneinfo files, or the runtime's ICU. */
export interface ZoneSource {
  kind: SourceKind;
  /** Which data answered, for every result: "runtime (ICU 78.3, tz 2026c)". */
  label: string;
  /** The tz database version, "2026f", or "unknown". */
  version: string;
  has(zone: string): boolean;
  /** Every name this source answers to (links included), as the data spells it, with the zone it means. */
  names(): Map<string, string>;
  typeAt(zone: string, epochMilliseconds: number): LocalTimeType;
  /** The local time type and the wall clock at an instant. */
  view(zone: string, epochMilliseconds: number): { type: LocalTimeType; wall: TemporalTypes.PlainDateTime };
  /** Wall time to instant, the way Temporal disambiguates. */
  resolve(zone: string, wall: TemporalTypes.PlainDateTime, disambiguation: Disambiguation): Resolution;
  /** Changes of offset (and of abbreviation or DST, where the data has them) after an instant. */
  nextTransition(zone: string, afterMilliseconds: number): RawTransition | null;
}
