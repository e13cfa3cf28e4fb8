import type { AppInfo } from '../contract/app.ts';
import { TOOL_IDS, toolChannels } from '../contract/tools.ts';
import type { ToolId } from '../contract/tools.ts';
import type { Handler, HandlerContext, Handlers } from '../core/handlers.ts';
import { SuiteError } from '../core/suite-error.ts';
import { appInfo } from './app/info.ts';
import { listDirectory } from './app/list-directory.ts';
import { OpenedFiles } from './app/opened-files.ts';
import { settingsService, userDataDirectory } from './app/settings.ts';
import { toolRuntimes } from './registry.ts';

type AnyHandler = (input: unknown, context: HandlerContext<unknown>) => Promise<unknown>;
type ToolChannelName = { [Id in ToolId]: keyof (typeof toolChannels)[Id] }[ToolId];

/**
 * A handler for every channel of every tool in the registry. A tool's modules load when one of its
 * channels is first called, so a window or browser-mode server starts without loading every tool.
 */
function toolHandlers(): { [K in ToolChannelName]: Handler<K> } {
  const handlers: Record<string, AnyHandler> = {};
  for (const id of TOOL_IDS) {
    let loaded: Promise<Record<string, AnyHandler>> | undefined;
    // Loaded once; a failed load is not kept, so the next call tries again.
    const load = () =>
      (loaded ??= (toolRuntimes[id].loadHandlers() as Promise<Record<string, AnyHandler>>).catch((error) => {
        loaded = undefined;
        throw error;
      }));
    for (const name of Object.keys(toolChannels[id]))
      handlers[name] = async (input, context) => (await load())[name]!(input, context);
  }
  return handlers as unknown as { [K in ToolChannelName]: Handler<K> };
}

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
    ...toolHandlers(),
    'dialog.openFile': async () => {
      throw new SuiteError('UNSUPPORTED', 'There is no native file dialog in browser mode.');
    },
  };
  return { ...handlers, ...overrides };
}
