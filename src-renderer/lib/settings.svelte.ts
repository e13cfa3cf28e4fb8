import type { Settings } from '../../src-main/contract/settings.ts';
import { call } from './bridge.ts';

/** The saved settings, loaded once; changes are sent to the main process, which saves them. */
class SettingsStore {
  value = $state<Settings | null>(null);
  notice = $state<string | null>(null);
  #loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.#loading ??= call('settings.get', {}).then((outcome) => {
      if (outcome.ok) {
        this.value = outcome.value.settings;
        this.notice = outcome.value.notice;
      }
    });
    return this.#loading;
  }

  async update(changes: Partial<Settings>): Promise<void> {
    const outcome = await call('settings.update', changes);
    if (outcome.ok) this.value = outcome.value.settings;
  }

  /** Remembers files the user compared, newest first, for the file fields' suggestions. */
  rememberFiles(paths: string[]): Promise<void> {
    const recent = [...paths.filter(Boolean), ...(this.value?.recentFiles ?? [])];
    return this.update({ recentFiles: [...new Set(recent)].slice(0, 20) });
  }
}

export const settings = new SettingsStore();
