import type { OpenRequest } from '../../src-main/contract/app.ts';
import { call, onOpened } from './bridge.ts';

/** Files opened from outside the app, waiting for File Compare to take them into its fields. */
class OpenedFiles {
  request = $state<OpenRequest | null>(null);

  async fetch(): Promise<OpenRequest | null> {
    const outcome = await call('app.takeOpened', {});
    if (outcome.ok && outcome.value) this.request = outcome.value;
    return outcome.ok ? outcome.value : null;
  }

  /** Asks at start and whenever the desktop app says more files were opened. */
  watch(onRequest: () => void): void {
    const take = () => void this.fetch().then((request) => request && onRequest());
    take();
    onOpened(take);
  }
}

export const opened = new OpenedFiles();
