import { lstatSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { readlink } from 'node:fs/promises';
import type { z } from 'zod';
import type {
  CompareProgress,
  FolderCompareResult,
  FolderEntry,
  FolderEntryStatus,
  foldersInput,
} from '../../contract/compare.ts';
import type { HandlerContext } from '../../core/handlers.ts';
import { cancelled, fileError } from '../../core/suite-error.ts';
import { IN_FLIGHT, hashPool } from './hash-pool.ts';
import { mapLimited } from './map-limited.ts';
import { displayName, fsPath } from './name-bytes.ts';
import { ProgressTracker } from './progress-tracker.ts';
import { QuickCompares } from './quick-compares.ts';
import { sortBytewise, walkTree, whatIs } from './walk-tree.ts';
import type { TreeEntry } from './walk-tree.ts';

const KIND: Record<TreeEntry['kind'], string> = {
  file: 'file',
  folder: 'folder',
  symlink: 'symlink',
  other: 'other',
  error: 'unreadable',
};

function kindOf(entry: TreeEntry | undefined): string | null {
  if (!entry) return null;
  if (entry.kind === 'error' && entry.folder) return 'folder';
  return entry.kind === 'other' ? entry.what.replace(/^an? /, '') : KIND[entry.kind];
}

/** lstat that answers null instead of throwing (the entry went away, or cannot be looked at). */
function lstatQuietly(path: string): Stats | null {
  try {
    return lstatSync(fsPath(path));
  } catch {
    return null;
  }
}

/**
 * A kind as diff -rq tells it apart in a type change: a regular file that is empty is a "regular
 * empty file" there. Looked at only for the few entries that need it.
 */
function kindInChange(entry: TreeEntry | undefined): string | null {
  const stats = entry?.kind === 'file' ? lstatQuietly(entry.path) : null;
  return stats?.isFile() ? kindOfStats(stats) : kindOf(entry);
}

/**
 * Two FIFOs, sockets or devices that are not read, yet known to be the same as diff -rq knows it: the
 * same file (a hard link in both trees), or devices of the same type and number.
 */
function sameSpecialFile(pathA: string, pathB: string): boolean {
  const [a, b] = [lstatQuietly(pathA), lstatQuietly(pathB)];
  if (!a || !b) return false;
  if (a.dev === b.dev && a.ino === b.ino) return true;
  const sameDeviceType =
    (a.isCharacterDevice() && b.isCharacterDevice()) || (a.isBlockDevice() && b.isBlockDevice());
  return sameDeviceType && a.rdev === b.rdev;
}

/**
 * diff -rq's order: name by name within each folder, what a folder holds right after it (so "a/b"
 * comes before "a.txt"); bytewise with "/" lowest. Only names holding a character below "/" (space,
 * "!", "-", "." …) sort differently from the walk's order, so only then is this sorted again.
 */
function inDiffOrder(paths: string[]): string[] {
  if (!paths.some((path) => belowSlash.test(path))) return paths;
  return sortBytewise(paths, (path) => path.replaceAll('/', '\0'));
}

const belowSlash = /[\0-.]/;

/**
 * Compares two folders as `diff -rq` does: files paired by relative path; files of different sizes
 * are changed without being read, others compared byte for byte (stopping at the first difference,
 * which is reported); links by their targets. Nothing is fatal: unreadable entries are reported.
 */
export async function compareFolders(
  { dirA, dirB }: z.output<typeof foldersInput>,
  { signal, progress }: HandlerContext<CompareProgress>,
): Promise<FolderCompareResult> {
  const walk = (dir: string, onFile?: (file: FileEntry) => void) =>
    walkTree(dir, { follow: false, signal, onFile }).catch((error: unknown) => {
      throw fileError(error, displayName(dir));
    });
  // diff -rq compares nothing when both are the same folder (even what it cannot read inside).
  if (sameFolder(dirA, dirB)) {
    const summary = 'Folder 1 and folder 2 are the same folder: there is nothing to compare.';
    return { dirA, dirB, entries: [], counts: noEntries(), verdict: 'identical', summary };
  }
  // A worker starts while this thread walks: it is ready for the first batch of files to compare
  // (more start only for a tree big enough to need them, QuickCompares.useWorkers).
  hashPool.warm(1);
  const treeA = await walk(dirA);
  const mapA = new Map(treeA.map((entry) => [entry.relative, entry]));
  // Pairs of files are compared while the second folder is still being walked.
  const quick = new QuickCompares(signal);
  if (treeA.length >= WORKERS_FROM_ENTRIES) quick.useWorkers();
  const pairIndex = new Map<string, number>();
  const treeB = await walk(dirB, (b) => {
    const a = mapA.get(b.relative);
    if (a?.kind !== 'file') return;
    pairIndex.set(b.relative, pairIndex.size);
    quick.add({ pathA: a.path, pathB: b.path });
  });
  if (signal.aborted) throw cancelled();
  const mapB = new Map(treeB.map((entry) => [entry.relative, entry]));
  // Both walks are sorted bytewise: when they hold the same paths (identical trees) that is the order.
  const samePaths =
    treeA.length === treeB.length && treeA.every((entry, index) => entry.relative === treeB[index]!.relative);
  const paths = inDiffOrder(
    samePaths
      ? treeA.map((entry) => entry.relative)
      : sortBytewise([...new Set([...mapA.keys(), ...mapB.keys()])], (path) => path),
  );
  const tracker = new ProgressTracker(progress);
  const compared = await compareAll(paths, mapA, mapB, { quick, pairIndex }, tracker, signal).finally(() =>
    tracker.close(),
  );
  if (signal.aborted) throw cancelled();
  const counts = noEntries();
  const entries = insideUnreadable(compared);
  for (const entry of entries) counts[entry.status]++;
  // A FIFO, socket or device on both sides is not read, so the trees are not known to be the
  // same; diff -rq reports such a pair ("File A/p is a fifo while file B/p is a fifo") and exits 1.
  const differences =
    counts.changed + counts.added + counts.removed + counts['type-changed'] + counts.skipped;
  const verdict = counts.error > 0 ? 'incomplete' : differences > 0 ? 'differ' : 'identical';
  const word = { error: 'unreadable', skipped: 'not compared (FIFO, socket or device)' } as const;
  const parts = (['changed', 'added', 'removed', 'type-changed', 'skipped', 'error'] as const)
    .filter((status) => counts[status] > 0)
    .map(
      (status) => `${counts[status]} ${status === 'error' || status === 'skipped' ? word[status] : status}`,
    );
  const summary =
    verdict === 'identical'
      ? `The folders are identical: ${counts.identical} ${counts.identical === 1 ? 'entry' : 'entries'} the same.`
      : `The folders ${verdict === 'differ' ? 'differ' : 'could not be compared completely'}: ${parts.join(', ')}; ${counts.identical} identical.`;
  return { dirA, dirB, entries, counts, verdict, summary };
}

function noEntries(): Record<FolderEntryStatus, number> {
  return { identical: 0, changed: 0, added: 0, removed: 0, 'type-changed': 0, skipped: 0, error: 0 };
}

function sameFolder(dirA: string, dirB: string): boolean {
  try {
    const [a, b] = [statSync(fsPath(dirA)), statSync(fsPath(dirB))];
    return a.isDirectory() && a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/** Below this many entries in the first folder, workers cost more to start than they save. */
const WORKERS_FROM_ENTRIES = 2000;

/**
 * Every pair's verdict, in the order of `paths`. Most are known from the walk; pairs of files were
 * handed to `quick` during the walk (quick-compares.ts); what that did not settle is compared one by one.
 */
async function compareAll(
  paths: string[],
  mapA: Map<string, TreeEntry>,
  mapB: Map<string, TreeEntry>,
  { quick, pairIndex }: { quick: QuickCompares; pairIndex: Map<string, number> },
  tracker: ProgressTracker,
  signal: AbortSignal,
): Promise<FolderEntry[]> {
  const compared: (FolderEntry | null)[] = paths.map((relative) =>
    verdictFromWalk(relative, mapA.get(relative), mapB.get(relative)),
  );
  let done = compared.filter((entry) => entry !== null).length;
  tracker.files(done, paths.length);
  // Progress counts the settled ones now; the others are counted when compared one by one below.
  const outcomes = await quick.finish((settled) => tracker.files(done + settled, paths.length));
  paths.forEach((relative, index) => {
    const pair = pairIndex.get(relative);
    const outcome = pair === undefined ? null : outcomes[pair];
    if (compared[index] !== null || !outcome) return;
    const base = { relative, kindA: 'file', kindB: 'file' };
    compared[index] =
      outcome === 'identical'
        ? { ...base, status: 'identical', detail: null }
        : {
            ...base,
            status: 'changed',
            detail: `sizes differ (${outcome.sizeA} and ${outcome.sizeB} bytes)`,
          };
    done++;
  });
  const rest = compared.flatMap((entry, index) => (entry === null ? [index] : []));
  await mapLimited(rest, IN_FLIGHT, async (index) => {
    const relative = paths[index]!;
    compared[index] = await compareContents(
      relative,
      mapA.get(relative)!,
      mapB.get(relative)!,
      index,
      tracker,
      signal,
    );
    tracker.files(++done, paths.length);
  });
  return compared as FolderEntry[];
}

type FileEntry = Extract<TreeEntry, { kind: 'file' }>;

/**
 * A folder that could not be listed on one side hides what it holds: what the other side has there
 * is not known to be added or removed (diff -rq only reports the folder), so it is not compared.
 */
function insideUnreadable(entries: FolderEntry[]): FolderEntry[] {
  const unreadable = entries.filter((entry) => entry.status === 'error').map((entry) => `${entry.relative}/`);
  if (unreadable.length === 0) return entries;
  return entries.map((entry) => {
    if (entry.status !== 'added' && entry.status !== 'removed') return entry;
    const folder = unreadable.find((prefix) => entry.relative.startsWith(prefix));
    if (!folder) return entry;
    const detail = `not compared: ${displayName(folder.slice(0, -1))} could not be read on the other side`;
    return { ...entry, status: 'error', detail };
  });
}

/** The verdict the walk alone gives, or null when contents (or link targets) must be read. */
function verdictFromWalk(
  relative: string,
  a: TreeEntry | undefined,
  b: TreeEntry | undefined,
): FolderEntry | null {
  const base = { relative, kindA: kindOf(a), kindB: kindOf(b) };
  const failed = [a, b].filter((entry) => entry?.kind === 'error') as Extract<TreeEntry, { kind: 'error' }>[];
  // A folder that cannot be listed is still a folder: only on one side, or against a file, diff -rq
  // says so without listing it; against a folder, what both hold is not known. (The top folders are
  // each other's counterparts: either one unreadable is an error.)
  const foldersAgainstOther =
    relative !== '' && failed.every((entry) => entry.folder) && base.kindA !== base.kindB;
  if (failed.length > 0 && !foldersAgainstOther) {
    return { ...base, status: 'error', detail: failed[0]!.error.message };
  }
  if (!a) return { ...base, status: 'added', detail: null };
  if (!b) return { ...base, status: 'removed', detail: null };
  if (base.kindA !== base.kindB) {
    return typeChange(relative, kindInChange(a), kindInChange(b));
  }
  if (a.kind === 'folder') return { ...base, status: 'identical', detail: null };
  if (a.kind === 'other') {
    if (sameSpecialFile(a.path, b.path)) return { ...base, status: 'identical', detail: null };
    return { ...base, status: 'skipped', detail: `${a.what}: not read` };
  }
  return null;
}

function typeChange(relative: string, kindA: string | null, kindB: string | null): FolderEntry {
  const detail = `${kindA} in folder 1, ${kindB} in folder 2`;
  return { relative, kindA, kindB, status: 'type-changed', detail };
}

/**
 * Two files the walk found, one of which is no longer a regular file (a FIFO or a folder put in its
 * place since): what diff -rq then says. Null while both are still regular files, or when one is gone
 * (the compare then says so).
 */
function replacedSinceWalk(relative: string, pathA: string, pathB: string): FolderEntry | null {
  const [a, b] = [lstatQuietly(pathA), lstatQuietly(pathB)];
  if (!a || !b || (a.isFile() && b.isFile())) return null;
  const [kindA, kindB] = [kindOfStats(a), kindOfStats(b)];
  if (kindA === kindB) return { relative, kindA, kindB, status: 'skipped', detail: `${kindA}: not read` };
  return typeChange(relative, kindA, kindB);
}

function kindOfStats(stats: Stats): string {
  if (stats.isFile()) return stats.size === 0 ? 'empty file' : 'file';
  if (stats.isDirectory()) return 'folder';
  if (stats.isSymbolicLink()) return 'symlink';
  return whatIs(stats).replace(/^an? /, '');
}

/** Two links by their targets, or two files byte for byte, with the first difference. */
async function compareContents(
  relative: string,
  a: TreeEntry,
  b: TreeEntry,
  index: number,
  tracker: ProgressTracker,
  signal: AbortSignal,
): Promise<FolderEntry> {
  const base = { relative, kindA: kindOf(a), kindB: kindOf(b) };
  if (a.kind === 'symlink') {
    try {
      const [targetA, targetB] = await Promise.all([readlink(fsPath(a.path)), readlink(fsPath(b.path))]);
      return targetA === targetB
        ? { ...base, status: 'identical', detail: null }
        : { ...base, status: 'changed', detail: 'the links point to different targets' };
    } catch (error) {
      return { ...base, status: 'error', detail: fileError(error, displayName(a.path)).message };
    }
  }
  if (a.kind !== 'file' || b.kind !== 'file') return { ...base, status: 'error', detail: 'unexpected entry' };
  const replaced = replacedSinceWalk(relative, a.path, b.path);
  if (replaced) return replaced;
  const task = tracker.task(`${index + 1}: ${displayName(relative)}`, displayName(b.path));
  const message = await hashPool.run(
    { kind: 'compare', pathA: a.path, pathB: b.path, algorithms: [], regularFilesOnly: true },
    task,
    signal,
  );
  task.remove();
  if (message.type === 'compared') {
    const exact = message.exact;
    if (exact.verdict === 'identical') return { ...base, status: 'identical', detail: null };
    if (exact.verdict === 'different') {
      return { ...base, status: 'changed', detail: `differ: byte ${exact.offset + 1}, line ${exact.line}` };
    }
    // The same size when first opened (quick-compare.ts), different when read: changed meanwhile.
    return {
      ...base,
      status: 'changed',
      detail: `EOF on ${exact.shorter === 'A' ? 'folder 1' : 'folder 2'}'s file after byte ${exact.size}`,
    };
  }
  if (message.type === 'error') return { ...base, status: 'error', detail: message.error.message };
  return { ...base, status: 'error', detail: 'Cancelled.' };
}
