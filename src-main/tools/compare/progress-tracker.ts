import type { CompareProgress, HashedFile, TaskProgress } from '../../contract/compare.ts';
import type { JobListener } from './hash-pool.ts';

interface Task {
  label: string;
  path: string;
  bytesDone: number;
  totalBytes: number | null;
  startedAt: number;
}

/** Turns byte counts from the workers into progress events with throughput and time left, ≤ 10 a second. */
export class ProgressTracker {
  readonly #tasks: Task[] = [];
  readonly #emit: (event: CompareProgress) => void;
  #lastEmit = 0;
  #closed = false;
  #files: { filesDone: number; filesTotal: number } | null = null;
  #hashed: HashedFile[] = [];
  #trailing: ReturnType<typeof setTimeout> | undefined;

  constructor(emit: (event: CompareProgress) => void) {
    this.#emit = emit;
  }

  task(label: string, path: string): JobListener & { remove(): void } {
    const task: Task = { label, path, bytesDone: 0, totalBytes: null, startedAt: performance.now() };
    this.#tasks.push(task);
    return {
      start: (totalBytes) => {
        task.totalBytes = totalBytes;
        this.#maybeEmit(true);
      },
      progress: (bytesDone) => {
        task.bytesDone = bytesDone;
        this.#maybeEmit(false);
      },
      remove: () => {
        this.#tasks.splice(this.#tasks.indexOf(task), 1);
      },
    };
  }

  /** "n of N files" for a job of many files; sent with the next event (at once for the last). */
  files(filesDone: number, filesTotal: number): void {
    this.#files = { filesDone, filesTotal };
    this.#maybeEmit(filesDone === filesTotal);
  }

  /** Finished files, in input order, sent with the next event. */
  deliver(files: HashedFile[]): void {
    this.#hashed.push(...files);
  }

  /** No event after the result: late worker messages are dropped. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#trailing);
  }

  #maybeEmit(force: boolean): void {
    if (this.#closed) return;
    const now = performance.now();
    if (!force && now - this.#lastEmit < 100) {
      // Finished files must not wait for the next worker message (which may be long in coming).
      if (this.#hashed.length > 0 && this.#trailing === undefined) {
        this.#trailing = setTimeout(() => this.#maybeEmit(true), 100 - (now - this.#lastEmit));
      }
      return;
    }
    clearTimeout(this.#trailing);
    this.#trailing = undefined;
    this.#lastEmit = now;
    const hashed = this.#hashed.length > 0 ? { hashed: this.#hashed } : {};
    this.#hashed = [];
    this.#emit({ tasks: this.#tasks.map((task) => snapshot(task, now)), ...this.#files, ...hashed });
  }
}

function snapshot(task: Task, now: number): TaskProgress {
  const seconds = (now - task.startedAt) / 1000;
  const bytesPerSecond = seconds > 0 ? task.bytesDone / seconds : 0;
  const remaining = task.totalBytes === null ? null : Math.max(0, task.totalBytes - task.bytesDone);
  const secondsLeft = remaining === null || bytesPerSecond === 0 ? null : remaining / bytesPerSecond;
  return {
    label: task.label,
    path: task.path,
    bytesDone: task.bytesDone,
    totalBytes: task.totalBytes,
    bytesPerSecond,
    secondsLeft,
  };
}
