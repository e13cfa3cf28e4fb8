import type { TzdataSource } from '../../contract/zone.ts';
import { chooseSource } from './sources.ts';
import type { ZoneSource } from './zone-source.ts';

export { zoneIn } from './zone-service.ts';

/** The data the planner, .ics export, world clock and search read: the converter's choice, newest by default. */
export function zoneData(kind: TzdataSource): ZoneSource {
  return chooseSource(kind).source;
}
