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

/** Where zone rules come from: the runtime's ICU data, or the system's zoneinfo files. */
export interface ZoneSource {
  kind: 'runtime' | 'system';
  /** Which data answered, for every result: "runtime (ICU 78.3, tz 2026c)". */
  label: string;
  has(zone: string): boolean;
  typeAt(zone: string, epochMilliseconds: number): LocalTimeType;
  /** The local time type and the wall clock at an instant. */
  view(zone: string, epochMilliseconds: number): { type: LocalTimeType; wall: TemporalTypes.PlainDateTime };
  /** Wall time to instant, the way Temporal disambiguates. */
  resolve(zone: string, wall: TemporalTypes.PlainDateTime, disambiguation: Disambiguation): Resolution;
  /** Changes of offset (and of abbreviation or DST, where the data has them) after an instant. */
  nextTransition(zone: string, afterMilliseconds: number): RawTransition | null;
}
