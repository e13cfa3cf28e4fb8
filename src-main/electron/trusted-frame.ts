import type { WebFrameMain } from 'electron';

/** The renderer's origin: the app:// scheme serving the built renderer. */
export const APP_ORIGIN = 'app://suite';

/** Only the top frame of our own page, loaded from app://suite, may call the main process. */
export function isTrustedFrame(frame: Pick<WebFrameMain, 'parent' | 'url'> | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    // Not URL.origin: for a non-special scheme such as app: it is the string "null".
    const url = new URL(frame.url);
    return url.protocol === 'app:' && url.host === 'suite';
  } catch {
    return false;
  }
}
