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
import { sameSmallFiles } from './same-small-files.ts';
import { takeTurns } from './event-loop-turn.ts';
import { sortBytewise, walkTree } from './walk-tree.ts';
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
  return entry.kind === 'other' ? entry.what.replace(/^an? /, '') : KIND[entry.kind];
}

/**
 * Compares two folders as `diff -rq` does: files paired by relative path; files of different sizes
 * are changed without being read, others compared byte for byte (stopping at the first difference,
 * which is reported); links by their targets. Nothing is fatal: unreadable entries are reported.
 */
export async function compareFolders(
  { dirA, dirB }: z.output<typeof foldersInput>,
  { signal, progress }: HandlerContext<CompareProgress>,
): Promise<FolderCompareResult> {
  const walk = (dir: string) =>
    walkTree(dir, { follow: false, signal }).catch((error: unknown) => {
      throw fileError(error, displayName(dir));
    });
  const [treeA, treeB] = await Promise.all([walk(dirA), walk(dirB)]);
  if (signal.aborted) throw cancelled();
  const mapA = new Map(treeA.map((entry) => [entry.relative, entry]));
  const mapB = new Map(treeB.map((entry) => [entry.relative, entry]));
  // Both walks are sorted bytewise: when they hold the same paths (identical trees) that is the order.
  const samePaths =
    treeA.length === treeB.length && treeA.every((entry, index) => entry.relative === treeB[index]!.relative);
  const paths = samePaths
    ? treeA.map((entry) => entry.relative)
    : sortBytewise([...new Set([...mapA.keys(), ...mapB.keys()])], (path) => path);
  const tracker = new ProgressTracker(progress);
  let done = 0;
  const compared = await mapLimited(paths, IN_FLIGHT, async (relative, index): Promise<FolderEntry> => {
    const entry = await compareEntry(
      relative,
      mapA.get(relative),
      mapB.get(relative),
      index,
      tracker,
      signal,
    );
    tracker.files(++done, paths.length);
    return entry;
  }).finally(() => tracker.close());
  if (signal.aborted) throw cancelled();
  const counts: Record<FolderEntryStatus, number> = {
    identical: 0,
    changed: 0,
    added: 0,
    removed: 0,
    'type-changed': 0,
    skipped: 0,
    error: 0,
  };
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

async function compareEntry(
  relative: string,
  a: TreeEntry | undefined,
  b: TreeEntry | undefined,
  index: number,
  tracker: ProgressTracker,
  signal: AbortSignal,
): Promise<FolderEntry> {
  const base = { relative, kindA: kindOf(a), kindB: kindOf(b) };
  const failed = [a, b].find((entry) => entry?.kind === 'error');
  if (failed?.kind === 'error') return { ...base, status: 'error', detail: failed.error.message };
  if (!a) return { ...base, status: 'added', detail: null };
  if (!b) return { ...base, status: 'removed', detail: null };
  if (base.kindA !== base.kindB) return { ...base, status: 'type-changed', detail: null };
  if (a.kind === 'folder') return { ...base, status: 'identical', detail: null };
  if (a.kind === 'other') return { ...base, status: 'skipped', detail: `${a.what}: not read` };
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
  if (a.size !== b.size) {
    return { ...base, status: 'changed', detail: `sizes differ (${a.size} and ${b.size} bytes)` };
  }
  await takeTurns();
  if (!signal.aborted && sameSmallFiles(a.path, b.path, a.size)) {
    return { ...base, status: 'identical', detail: null };
  }
  const task = tracker.task(`${index + 1}: ${displayName(relative)}`, displayName(b.path));
  const message = await hashPool.run(
    { kind: 'compare', pathA: a.path, pathB: b.path, algorithms: [] },
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
    // Same size when walked, different when read: changed while compared.
    return {
      ...base,
      status: 'changed',
      detail: `EOF on ${exact.shorter === 'A' ? 'folder 1' : 'folder 2'}'s file after byte ${exact.size}`,
    };
  }
  if (message.type === 'error') return { ...base, status: 'error', detail: message.error.message };
  return { ...base, status: 'error', detail: 'Cancelled.' };
}
