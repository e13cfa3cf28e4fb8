import { compareChannels } from '../../contract/compare.ts';
import type { HandlersOf, ToolApi } from '../../core/handlers.ts';
import { compareFiles } from './compare-files.ts';
import { compareFolders } from './compare-folders.ts';
import { hashFiles } from './hash-files.ts';
import { verifyChecksums } from './verify-checksums.ts';

export const compareHandlers: HandlersOf<typeof compareChannels> = {
  'compare.files': compareFiles,
  'compare.hash': hashFiles,
  'compare.folders': compareFolders,
  'compare.verify': verifyChecksums,
};

/** The tool's channels with their handlers, as its CLI commands call them. */
export const compareApi: ToolApi = { channels: compareChannels, handlers: compareHandlers };
