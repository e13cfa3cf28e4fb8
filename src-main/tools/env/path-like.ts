import { statSync } from 'node:fs';
import type { PathEntry } from '../../contract/env.ts';

/** List variables whose names do not end in PATH. */
const KNOWN = new Set(['PERL5LIB', 'XDG_DATA_DIRS', 'XDG_CONFIG_DIRS']);
/** Entries of these may be files as well as folders. */
const FILES_ALLOWED = new Set(['CLASSPATH']);

/** PATH, MANPATH, GOPATH, LD_LIBRARY_PATH, DYLD_*, and any other *PATH but *_FILE_PATH: lists of folders. */
export function isPathLike(name: string): boolean {
  if (/_FILE_?PATH$/.test(name)) return false;
  return KNOWN.has(name) || name.endsWith('PATH') || name.startsWith('DYLD_');
}

export function pathDelimiter(platform: NodeJS.Platform): string {
  return platform === 'win32' ? ';' : ':';
}

/** Each entry, flagged when it is empty (the current folder), missing, not a folder, or repeated. */
export function analyzePathList(name: string, value: string, platform: NodeJS.Platform): PathEntry[] {
  const seen = new Set<string>();
  return value.split(pathDelimiter(platform)).map((entry) => {
    let problem: PathEntry['problem'] = null;
    if (entry === '') problem = 'empty';
    else if (seen.has(entry)) problem = 'duplicate';
    else {
      const info = statSync(entry, { throwIfNoEntry: false });
      if (!info) problem = 'missing';
      else if (!info.isDirectory() && !FILES_ALLOWED.has(name)) problem = 'not-a-directory';
    }
    seen.add(entry);
    return { value: entry, problem };
  });
}
