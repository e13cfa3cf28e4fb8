import type { AppInfo } from '../contract/app.ts';
import type { Handlers } from '../core/handlers.ts';
import { SuiteError } from '../core/suite-error.ts';
import { appInfo } from './app/info.ts';
import { listDirectory } from './app/list-directory.ts';
import { OpenedFiles } from './app/opened-files.ts';
import { settingsService, userDataDirectory } from './app/settings.ts';
import { compareFiles } from './compare/compare-files.ts';
import { verifyChecksums } from './compare/verify-checksums.ts';
import { convertTime, listZones, shiftTime, zoneTransitions } from './zone/zone-service.ts';
import { contextFromProcess } from './env/env-context.ts';
import { listEnvironment, whereSet } from './env/env-service.ts';
import { applyChange, planChange, undoChange } from './env/permanent-change.ts';
import { temporaryCommands } from './env/quoting.ts';
import { inspectLibraries } from './inspect/libraries.ts';
import { inspectOpenssl } from './inspect/openssl.ts';
import { inspectPython } from './inspect/python/inspect-python.ts';
import { systemOverview } from './inspect/system-overview.ts';
import { inspectTls } from './inspect/tls/inspect-tls.ts';

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
    'compare.files': compareFiles,
    'compare.verify': verifyChecksums,
    'zone.list': listZones,
    'zone.convert': convertTime,
    'zone.shift': shiftTime,
    'zone.transitions': zoneTransitions,
    // HOME and SHELL of this process decide which files Env Settings reads and writes.
    'env.list': ({ shell }) => listEnvironment(contextFromProcess(), shell),
    'env.where': ({ name, shell }) => whereSet(contextFromProcess(), name, shell),
    'env.plan': (change) => planChange(contextFromProcess(), change),
    'env.apply': (input) => applyChange(contextFromProcess(), input),
    'env.undo': ({ undoId }) => undoChange(contextFromProcess(), undoId),
    'env.commands': async ({ name, value }) => temporaryCommands(name, value),
    'inspect.system': () => systemOverview(),
    'inspect.openssl': () => inspectOpenssl(),
    'inspect.libs': () => inspectLibraries(),
    'inspect.python': ({ python }) => inspectPython(python),
    'inspect.tls': (input) => inspectTls(input),
    'dialog.openFile': async () => {
      throw new SuiteError('UNSUPPORTED', 'There is no native file dialog in browser mode.');
    },
  };
  return { ...handlers, ...overrides };
}
