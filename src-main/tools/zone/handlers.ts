import { zoneChannels } from '../../contract/zone.ts';
import type { HandlersOf, ToolApi } from '../../core/handlers.ts';
import { findZones } from './find.ts';
import { meetingIcs } from './ics.ts';
import { convertPeopleInput, shiftPeopleInput } from './people-input.ts';
import { planMeeting } from './planner.ts';
import { worldClock } from './world-clock.ts';
import { listZones, zoneTransitions } from './zone-service.ts';

export const zoneHandlers: HandlersOf<typeof zoneChannels> = {
  'zone.list': listZones,
  // Reads cities, abbreviations and phrases ("tomorrow 3pm") first, then the engine converts.
  'zone.convert': convertPeopleInput,
  'zone.shift': shiftPeopleInput,
  'zone.transitions': zoneTransitions,
  'zone.planner': planMeeting,
  'zone.ics': (input) => meetingIcs(input),
  'zone.find': findZones,
  'zone.worldClock': (input) => worldClock(input),
};

/** The tool's channels with their handlers, as its CLI commands call them. */
export const zoneApi: ToolApi = { channels: zoneChannels, handlers: zoneHandlers };
