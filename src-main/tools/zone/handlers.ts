import type { zoneChannels } from '../../contract/zone.ts';
import type { HandlersOf } from '../../core/handlers.ts';
import { convertTime, listZones, shiftTime, zoneTransitions } from './zone-service.ts';

export const zoneHandlers: HandlersOf<typeof zoneChannels> = {
  'zone.list': listZones,
  'zone.convert': convertTime,
  'zone.shift': shiftTime,
  'zone.transitions': zoneTransitions,
};
