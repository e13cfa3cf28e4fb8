import type { ChannelName, Input, Progress, Result } from './channels.ts';
import type { Outcome } from './errors.ts';

/** IPC channel names used between preload and main. */
export const IPC = {
  invoke: 'suite:invoke',
  cancel: 'suite:cancel',
  progress: 'suite:progress',
  /** Main to renderer: files were opened from outside; ask for them with app.takeOpened. */
  opened: 'suite:opened',
} as const;

export interface ProgressMessage {
  opId: string;
  progress: unknown;
}

/** What the preload exposes as `window.suite`, and what browser mode's transport imitates. */
export interface SuiteBridge {
  invoke<K extends ChannelName>(
    opId: string,
    channel: K,
    input: Input<K>,
    onProgress?: (progress: Progress<K>) => void,
  ): Promise<Outcome<Result<K>>>;
  cancel(opId: string): void;
  /** The filesystem path of a dropped file; only Electron can tell it (browser pages never see paths). */
  pathForFile?(file: File): string;
  /** Electron only: called when files are opened from outside while the window is open. */
  onOpened?(listener: () => void): void;
}
