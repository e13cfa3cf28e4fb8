import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { PathEntryInspection } from '../../contract/env.ts';

/** Folders with more names than this are read only this far: a PATH entry must not stall the list. */
const MAX_NAMES_PER_FOLDER = 20_000;
/** And the whole list no further than this many names (1,000 entries of big folders stay bounded). */
const MAX_NAMES_IN_ALL = 200_000;

/** The commands a folder offers: regular files (links followed) that may be run. */
async function commandsIn(
  folder: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  budget: { names: number },
): Promise<Set<string>> {
  const all = await readdir(folder).catch(() => [] as string[]);
  const names = all.slice(0, Math.max(0, Math.min(MAX_NAMES_PER_FOLDER, budget.names)));
  budget.names -= names.length;
  const windowsExtensions = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').toLowerCase().split(';');
  const commands = new Set<string>();
  await Promise.all(
    names.map(async (name) => {
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
  // One folder listed many times (or through links) is read once.
  const listed = new Map<string, Promise<Set<string>>>();
  const budget = { names: MAX_NAMES_IN_ALL };
  const facts = await Promise.all(
    entries.map(async (entry) => {
      const info = entry === '' ? null : await stat(entry).catch(() => null);
      const isFolder = info?.isDirectory() ?? false;
      const key = platform === 'win32' ? entry.toLowerCase() : entry;
      const real = isFolder ? await realpath(entry).catch(() => key) : key;
      if (isFolder && !listed.has(real)) listed.set(real, commandsIn(entry, platform, env, budget));
      return { entry, info, isFolder, key, real, commands: (await listed.get(real)) ?? new Set<string>() };
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
