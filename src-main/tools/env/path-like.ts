import { statSync } from 'node:fs';
import type { PathEntry } from '../../contract/env.ts';

/** List variables whose names do not end in PATH. */
const KNOWN = new Set(['PERL5LIB', 'XDG_DATA_DIRS', 'XDG_CONFIG_DIRS']);
/** Entries of these may be files as well as folders. */
const FILES_ALLOWED = new Set(['CLASSPATH']);

/** PATH, MANPATH, GOPATH, LD_LIBRARY_PATH, DYLD_*, and any other *PATH but *_FILE_PATH: lists of folders. */
export function isPathLike(name: string): boolean {
  // Windows spells it Path, and its names are case-insensitive.
  const upper = name.toUpperCase();
  if (/_FILE_?PATH$/.test(upper)) return false;
  return KNOWN.has(upper) || upper.endsWith('PATH') || upper.startsWith('DYLD_');
}

export function pathDelimiter(platform: NodeJS.Platform): ':' | ';' {
  return platform === 'win32' ? ';' : ':';
}

/** Each entry, flagged when it is empty (the current folder), missing, not a folder, or repeated. */
export function analyzePathList(name: string, value: string, platform: NodeJS.Platform): PathEntry[] {
  const seen = new Set<string>();
  return value.split(pathDelimiter(platform)).map((entry) => {
    let problem: PathEntry['problem'] = null;
    // Windows file names are case-insensitive: C:\Tools and c:\tools are one folder.
    const key = platform === 'win32' ? entry.toLowerCase() : entry;
    if (entry === '') problem = 'empty';
    else if (seen.has(key)) problem = 'duplicate';
    else {
      const info = statSync(entry, { throwIfNoEntry: false });
      if (!info) problem = 'missing';
      else if (!info.isDirectory() && !FILES_ALLOWED.has(name)) problem = 'not-a-directory';
    }
    seen.add(key);
    return { value: entry, problem };
  });
}
