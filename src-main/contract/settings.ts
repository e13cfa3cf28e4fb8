import { z } from 'zod';
import { ALGORITHMS } from './compare-constants.ts';
import { channel } from './define.ts';
import { TOOL_IDS } from './tools.ts';

const fields = {
  lastTool: z.enum(TOOL_IDS),
  recentFiles: z.array(z.string().max(4096)).max(20),
  favouriteZones: z.array(z.string().max(64)).max(50),
  algorithms: z.array(z.enum(ALGORITHMS)).max(ALGORITHMS.length),
};

export const settingsSchema = z.object({
  lastTool: fields.lastTool.default('compare'),
  recentFiles: fields.recentFiles.default([]),
  favouriteZones: fields.favouriteZones.default(['UTC', 'America/New_York', 'Europe/London', 'Asia/Tokyo']),
  algorithms: fields.algorithms.default(['md5', 'sha1', 'sha256']),
});
export type Settings = z.output<typeof settingsSchema>;

/** Changes name only what changes: built without defaults, which would fill in and overwrite the rest. */
export const settingsChangesSchema = z.object(fields).partial();

export interface SettingsState {
  settings: Settings;
  /** Said once: the settings file was unreadable and was set aside. */
  notice: string | null;
}

export const settingsChannels = {
  'settings.get': channel<SettingsState>()(
    z.object({}),
    'The saved settings, and a notice if they had to be reset',
  ),
  'settings.update': channel<SettingsState>()(
    settingsChangesSchema,
    'Change some settings and save them atomically',
  ),
};
