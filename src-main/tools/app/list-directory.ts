import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { DirEntry, DirListing, EntryKind } from '../../contract/app.ts';
import { SuiteError, fileError } from '../../core/suite-error.ts';

/** Lists a folder, folders first, for the in-page file picker (browser mode has no native dialog). */
export async function listDirectory(path: string | undefined, showHidden: boolean): Promise<DirListing> {
  const dir = resolve(path && path.trim() !== '' ? path : homedir());
  let names: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new SuiteError('BAD_INPUT', `${dir} is not a folder.`);
    names = await readdir(dir);
  } catch (error) {
    throw fileError(error, dir);
  }
  const entries = await Promise.all(
    names.filter((name) => showHidden || !name.startsWith('.')).map((name) => describe(dir, name)),
  );
  entries.sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name));
  const parent = dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, entries };
}

async function describe(dir: string, name: string): Promise<DirEntry> {
  const path = join(dir, name);
  try {
    const info = await stat(path);
    const kind: EntryKind = info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
    return { name, path, kind, size: info.isFile() ? info.size : null };
  } catch {
    return { name, path, kind: 'other', size: null };
  }
}

function rank(kind: EntryKind): number {
  return kind === 'directory' ? 0 : kind === 'file' ? 1 : 2;
}
