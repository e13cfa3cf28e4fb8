import { homedir } from 'node:os';
import { join } from 'node:path';
import { settingsSchema } from '../../contract/settings.ts';
import type { Settings, SettingsState } from '../../contract/settings.ts';
import { JsonStore } from '../../core/json-store.ts';
import pkg from '../../../package.json' with { type: 'json' };

/**
 * The folder Electron uses for the app's data (app.getPath('userData')): browser mode and the
 * desktop app share it, so settings are one file whichever face runs.
 */
export function userDataDirectory(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(appData, pkg.productName);
}

export interface SettingsService {
  get(): Promise<SettingsState>;
  update(changes: Partial<Settings>): Promise<SettingsState>;
}

/** Settings validated on load, written atomically; a corrupt file is set aside and reported once. */
export function settingsService(directory: string): SettingsService {
  const store = new JsonStore(join(directory, 'settings.json'), settingsSchema, settingsSchema.parse({}));
  let loaded: Promise<SettingsState> | null = null;
  let current: Settings | null = null;

  async function load(): Promise<SettingsState> {
    const result = await store.load();
    current = result.value;
    const notice = result.setAside
      ? `Your settings could not be used (${result.setAside.reason}) and were reset; the old file is kept at ${result.setAside.path}.`
      : null;
    return { settings: current, notice };
  }

  return {
    async get() {
      if (!loaded) {
        loaded = load();
        return loaded;
      }
      await loaded;
      return { settings: current!, notice: null };
    },
    async update(changes) {
      loaded ??= load();
      await loaded;
      current = settingsSchema.parse({ ...current, ...changes });
      await store.save(current);
      return { settings: current, notice: null };
    },
  };
}
