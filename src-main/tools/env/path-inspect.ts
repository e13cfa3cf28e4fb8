import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { PathEntryInspection } from '../../contract/env.ts';

/** Folders with more names than this are read only this far: a PATH entry must not stall the list. */
const MAX_NAMES_PER_FOLDER = 20_000;

/** The commands a folder offers: regular files (links followed) that may be run. */
async function commandsIn(
  folder: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): Promise<Set<string>> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const windowsExtensions = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').toLowerCase().split(';');
  const commands = new Set<string>();
  await Promise.all(
    names.slice(0, MAX_NAMES_PER_FOLDER).map(async (name) => {
      const info = await stat(join(folder, name)).catch(() => null);
      if (!info?.isFile()) return;
      if (platform === 'win32') {
        // Windows runs `python` as python.exe: the command is the name without its PATHEXT extension.
        const extension = extname(name).toLowerCase();
        if (windowsExtensions.includes(extension))
          commands.add(name.slice(0, -extension.length).toLowerCase());
      } else if ((info.mode & 0o111) !== 0) commands.add(name);
    }),
  );
  return commands;
}

/**
 * Each entry of a PATH-like list: whether it exists and is a folder, whether it repeats an earlier
 * one (as written, or the same folder through a link), and the commands a shell finds in it first
 * while a later entry has them too (`python3` here hides the one in a later folder).
 */
export async function inspectPathEntries(
  entries: string[],
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PathEntryInspection[]> {
  const facts = await Promise.all(
    entries.map(async (entry) => {
      const info = entry === '' ? null : await stat(entry).catch(() => null);
      const isFolder = info?.isDirectory() ?? false;
      const key = platform === 'win32' ? entry.toLowerCase() : entry;
      return {
        entry,
        info,
        isFolder,
        key,
        real: isFolder ? await realpath(entry).catch(() => key) : key,
        commands: isFolder ? await commandsIn(entry, platform, env) : new Set<string>(),
      };
    }),
  );
  const firstFound = new Map<string, number>();
  facts.forEach((fact, index) => {
    for (const command of fact.commands) if (!firstFound.has(command)) firstFound.set(command, index);
  });
  return facts.map((fact, index) => {
    const earlier = facts.findIndex(
      (other, at) => at < index && (other.key === fact.key || (fact.isFolder && other.real === fact.real)),
    );
    const shadows: PathEntryInspection['shadows'] = [];
    // A repeated folder shadows nothing of its own: its first appearance already did.
    if (earlier === -1)
      for (const command of [...fact.commands].sort()) {
        if (firstFound.get(command) !== index) continue;
        const hidden = facts.find(
          (other, at) => at > index && other.real !== fact.real && other.commands.has(command),
        );
        if (hidden) shadows.push({ command, hiddenIn: hidden.entry });
      }
    return {
      value: fact.entry,
      exists: fact.info !== null,
      isFolder: fact.isFolder,
      duplicateOf: earlier === -1 ? null : earlier,
      shadows,
    };
  });
}
