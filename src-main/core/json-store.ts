import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write.ts';

/** Saves started and not yet landed, in every store. */
const inFlight = new Set<Promise<void>>();

/** Resolves once every save started so far has landed (or failed): what quitting waits for. */
export async function savesLanded(): Promise<void> {
  await Promise.allSettled([...inFlight]);
}

export interface LoadResult<T> {
  value: T;
  /** Set when the file was unreadable or invalid and was set aside: say so to the user once. */
  setAside?: { path: string; reason: string };
}

/**
 * A JSON file validated by a schema. A missing file gives the defaults; a corrupt one is renamed aside
 * (never deleted) and the defaults are used.
 */
export class JsonStore<S extends z.ZodType> {
  readonly path: string;
  readonly schema: S;
  readonly defaults: z.output<S>;
  #lastWrite: Promise<void> = Promise.resolve();

  constructor(path: string, schema: S, defaults: z.output<S>) {
    this.path = path;
    this.schema = schema;
    this.defaults = defaults;
  }

  async load(): Promise<LoadResult<z.output<S>>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: this.defaults };
      return this.setAside(`it could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.setAside('it is not valid JSON');
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) return this.setAside('its content is not valid');
    return { value: parsed.data };
  }

  /**
   * Saves land in the order they were asked for: two atomic writes in flight at once may finish
   * their renames in either order, and an older value would win.
   */
  async save(value: z.output<S>): Promise<void> {
    const checked = this.schema.parse(value);
    const write = this.#lastWrite.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await writeFileAtomic(this.path, `${JSON.stringify(checked, null, 2)}\n`, 0o600);
    });
    this.#lastWrite = write.catch(() => undefined);
    inFlight.add(write);
    const landed = () => void inFlight.delete(write);
    write.then(landed, landed);
    return write;
  }

  private async setAside(reason: string): Promise<LoadResult<z.output<S>>> {
    const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.path, aside);
    } catch {
      return {
        value: this.defaults,
        setAside: { path: this.path, reason: `${reason}; it was left in place` },
      };
    }
    return { value: this.defaults, setAside: { path: aside, reason } };
  }
}
