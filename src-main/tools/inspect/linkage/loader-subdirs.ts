import { existsSync } from 'node:fs';
import { runCommand } from '../run-command.ts';

/** The subfolders glibc's ld.so searches inside every search-path folder, and its $PLATFORM. */
export interface LoaderSubdirs {
  /** glibc-hwcaps/<name>, in ld.so's priority order (x86-64-v4, v3, v2 as this CPU supports). */
  hwcaps: string[];
  /** Legacy capability folders this glibc still searches (tls, x86_64, haswell …; gone in 2.37). */
  legacy: string[];
  /** $PLATFORM as this ld.so expands it (AT_PLATFORM, e.g. haswell), null when it does not say. */
  platform: string | null;
}

const NONE: LoaderSubdirs = { hwcaps: [], legacy: [], platform: null };
const LOADERS = ['/lib64/ld-linux-x86-64.so.2', '/lib/ld-linux-aarch64.so.1', '/lib/ld-linux.so.2'];
let cached: Promise<LoaderSubdirs> | null = null;

/** Reads `ld.so --help`: its lists name what this CPU supports and this glibc searches. */
export function parseLoaderHelp(help: string): LoaderSubdirs {
  const result: LoaderSubdirs = { hwcaps: [], legacy: [], platform: null };
  let section: 'hwcaps' | 'legacy' | null = null;
  for (const line of help.split('\n')) {
    if (/^Subdirectories of glibc-hwcaps directories/.test(line)) section = 'hwcaps';
    else if (/^Legacy HWCAP subdirectories/.test(line)) section = 'legacy';
    else if (!/^\s/.test(line)) section = null;
    const entry = /^\s+(\S+) \((.*)\)$/.exec(line);
    if (!section || !entry) continue;
    if (/\bsearched\b/.test(entry[2]!)) result[section].push(entry[1]!);
    if (section === 'legacy' && /AT_PLATFORM/.test(entry[2]!)) result.platform = entry[1]!;
  }
  return result;
}

/** This machine's loader asked once (a bounded run); nothing when there is no glibc loader. */
export function loaderSubdirs(): Promise<LoaderSubdirs> {
  cached ??= (async () => {
    const loader = LOADERS.find((path) => existsSync(path));
    if (!loader || process.platform !== 'linux') return NONE;
    try {
      const { stdout } = await runCommand(loader, ['--help'], 10_000);
      return parseLoaderHelp(stdout);
    } catch {
      return NONE;
    }
  })();
  return cached;
}
