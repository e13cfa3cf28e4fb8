import type { AppInfo } from '../contract/app.ts';
import type { Handlers } from '../core/handlers.ts';
import { SuiteError } from '../core/suite-error.ts';
import { appInfo } from './app/info.ts';
import { listDirectory } from './app/list-directory.ts';
import { compareFiles } from './compare/compare-files.ts';
import { verifyChecksums } from './compare/verify-checksums.ts';
import { convertTime, listZones, shiftTime, zoneTransitions } from './zone/zone-service.ts';

/**
 * The handler of every channel, built from the plain tool modules. Electron passes overrides for what
 * only it can do (native dialogs); browser mode uses the defaults.
 */
export function createHandlers(face: AppInfo['face'], overrides: Partial<Handlers> = {}): Handlers {
  const handlers: Handlers = {
    'app.info': async () => appInfo(face),
    'files.list': async ({ path, showHidden }) => listDirectory(path, showHidden),
    'compare.files': compareFiles,
    'compare.verify': verifyChecksums,
    'zone.list': listZones,
    'zone.convert': convertTime,
    'zone.shift': shiftTime,
    'zone.transitions': zoneTransitions,
    'dialog.openFile': async () => {
      throw new SuiteError('UNSUPPORTED', 'There is no native file dialog in browser mode.');
    },
  };
  return { ...handlers, ...overrides };
}
