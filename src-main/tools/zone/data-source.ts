import type { TzdataSource } from '../../contract/zone.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { runtimeSource } from './runtime-source.ts';
import { systemSource, zoneinfoDirectory } from './system-source.ts';
import { canonicalZone } from './zone-names.ts';
import type { ZoneSource } from './zone-source.ts';

// The planner, .ics export, world clock and zone search read the same two sources the converter does
// (zone-service keeps its own private; these are the engine's public constructors).
const runtime = runtimeSource();
let system: ZoneSource | null | undefined;

/** The system's zoneinfo files, or null where there are none (Windows). */
export function systemData(): ZoneSource | null {
  if (system === undefined) {
    const dir = zoneinfoDirectory();
    system = dir ? systemSource(dir) : null;
  }
  return system;
}

export function zoneData(kind: TzdataSource): ZoneSource {
  if (kind === 'runtime') return runtime;
  const found = systemData();
  if (!found)
    throw new SuiteError('UNSUPPORTED', 'This system has no zoneinfo files (TZif); use the runtime data.');
  return found;
}

/** The canonical name of a zone, checked against the data source that will answer. */
export function zoneIn(source: ZoneSource, name: string): string {
  const zone = canonicalZone(name);
  if (!source.has(zone)) throw new SuiteError('BAD_INPUT', `The ${source.kind} data has no zone ${zone}.`);
  return zone;
}
