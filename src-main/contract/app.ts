import { z } from 'zod';
import { channel } from './define.ts';

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' when the Electron main process answers, 'browser' for browser mode, 'cli' for the CLI. */
  face: 'electron' | 'browser' | 'cli';
  platform: string;
  arch: string;
  versions: Record<string, string>;
}

export type EntryKind = 'file' | 'directory' | 'other';

export interface DirEntry {
  name: string;
  path: string;
  kind: EntryKind;
  size: number | null;
}

export interface DirListing {
  path: string;
  parent: string | null;
  entries: DirEntry[];
}

/** What to do with files opened from the command line or the operating system. */
export type OpenRequest =
  { tool: 'compare'; fileA: string; fileB: string } | { tool: 'verify'; sumsFile: string };

export const appChannels = {
  'app.takeOpened': channel<OpenRequest | null>()(
    z.object({}),
    'Files opened from outside, once, for File Compare',
  ),
  'app.info': channel<AppInfo>()(z.object({}), 'Versions of the app and the runtime answering it'),
  'files.list': channel<DirListing>()(
    z.object({ path: z.string().max(4096).optional(), showHidden: z.boolean().default(false) }),
    'List a directory, for the in-page file picker of browser mode',
  ),
  'dialog.openFile': channel<{ path: string | null }>()(
    z.object({
      title: z.string().max(200).default('Choose a file'),
      defaultPath: z.string().max(4096).optional(),
    }),
    'Show the native open-file dialog (Electron only)',
  ),
};
