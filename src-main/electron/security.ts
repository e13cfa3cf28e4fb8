import { app, session } from 'electron';
import { APP_ORIGIN } from './trusted-frame.ts';

/** The one permission the page may have: writing to the clipboard, for the Copy buttons. */
const allowedPermissions = new Set(['clipboard-sanitized-write']);

/**
 * Electron's security checklist, for every web contents the app ever creates: no navigation away from
 * the app, no new windows, no webviews, and every other permission request denied.
 */
export function applySecurityPolicy(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(allowedPermissions.has(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    allowedPermissions.has(permission),
  );
}
