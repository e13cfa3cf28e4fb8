import type { SuiteBridge } from '../../src-main/contract/bridge.ts';
import type { ChannelName, Input, Progress, Result } from '../../src-main/contract/channels.ts';
import type { Outcome } from '../../src-main/contract/errors.ts';
import { httpBridge } from './http-bridge.ts';
import { reloadOnNewToken, takeToken } from './token.ts';

/** Electron's preload bridge when present, else browser mode's HTTP transport; callers cannot tell. */
const bridge: SuiteBridge = window.suite ?? httpBridge(takeToken());
if (!window.suite) reloadOnNewToken();

export const isElectron = window.suite !== undefined;

/** Runs the listener when the desktop app reports files opened from outside (never in browser mode). */
export function onOpened(listener: () => void): void {
  bridge.onOpened?.(listener);
}

/** The path of a dropped file, or null where the page cannot know it (browser mode). */
export function pathOfDroppedFile(file: File): string | null {
  return bridge.pathForFile?.(file) || null;
}

export interface CallOptions<K extends ChannelName> {
  signal?: AbortSignal;
  onProgress?: (progress: Progress<K>) => void;
}

export function call<K extends ChannelName>(
  channel: K,
  input: Input<K>,
  options: CallOptions<K> = {},
): Promise<Outcome<Result<K>>> {
  const opId = crypto.randomUUID();
  options.signal?.addEventListener('abort', () => bridge.cancel(opId), { once: true });
  return bridge.invoke(opId, channel, input, options.onProgress);
}
