import type { AppInfo } from '../contract/app.ts';
import type { Handlers } from '../core/handlers.ts';
import { SuiteError } from '../core/suite-error.ts';
import { appInfo } from './app/info.ts';
import { listDirectory } from './app/list-directory.ts';
import { OpenedFiles } from './app/opened-files.ts';
import { settingsService, userDataDirectory } from './app/settings.ts';
import { compareHandlers } from './compare/handlers.ts';
import { envHandlers } from './env/handlers.ts';
import { inspectHandlers } from './inspect/handlers.ts';
import { zoneHandlers } from './zone/handlers.ts';

/**
 * The handler of every channel, built from the plain tool modules. Electron passes overrides for what
 * only it can do (native dialogs); browser mode uses the defaults.
 */
export interface HandlerOptions {
  /** What only a face can do (Electron's native dialogs). */
  overrides?: Partial<Handlers>;
  /** Where settings live; the user-data folder by default. */
  dataDirectory?: string;
  openedFiles?: OpenedFiles;
}

export function createHandlers(face: AppInfo['face'], options: HandlerOptions = {}): Handlers {
  const { overrides = {}, dataDirectory = userDataDirectory(), openedFiles = new OpenedFiles() } = options;
  const settings = settingsService(dataDirectory);
  const handlers: Handlers = {
    'app.takeOpened': async () => openedFiles.take(),
    'settings.get': () => settings.get(),
    'settings.update': (changes) => settings.update(changes),
    'app.info': async () => appInfo(face),
    'files.list': async ({ path, showHidden }) => listDirectory(path, showHidden),
    ...compareHandlers,
    ...zoneHandlers,
    ...envHandlers,
    ...inspectHandlers,
    'dialog.openFile': async () => {
      throw new SuiteError('UNSUPPORTED', 'There is no native file dialog in browser mode.');
    },
  };
  return { ...handlers, ...overrides };
}
