import type { OpenRequest } from '../../src-main/contract/app.ts';
import { call, onOpened } from './bridge.ts';

type Tool = OpenRequest['tool'];
type RequestFor<T extends Tool> = Extract<OpenRequest, { tool: T }>;

/** Files opened from outside the app, waiting for File Compare to take them into its fields. */
class OpenedFiles {
  request = $state<OpenRequest | null>(null);
  readonly #takers = new Map<Tool, (request: OpenRequest) => void>();

  async fetch(): Promise<OpenRequest | null> {
    const outcome = await call('app.takeOpened', {});
    if (outcome.ok && outcome.value) {
      this.request = outcome.value;
      this.#deliver();
    }
    return outcome.ok ? outcome.value : null;
  }

  /** Asks at start and whenever the desktop app says more files were opened. */
  watch(onRequest: () => void): void {
    const take = () => void this.fetch().then((request) => request && onRequest());
    take();
    onOpened(take);
  }

  /**
   * A mounted page takes the requests meant for it: the one waiting now and each that comes later,
   * handed over from the fetch that brings it (not from an effect watching `request`).
   * Returns the function that stops taking, for the page's unmount.
   */
  take<T extends Tool>(tool: T, onRequest: (request: RequestFor<T>) => void): () => void {
    const taker = onRequest as (request: OpenRequest) => void;
    this.#takers.set(tool, taker);
    this.#deliver();
    return () => {
      if (this.#takers.get(tool) === taker) this.#takers.delete(tool);
    };
  }

  #deliver(): void {
    const request = this.request;
    const taker = request && this.#takers.get(request.tool);
    if (!request || !taker) return;
    this.request = null;
    taker(request);
  }
}

export const opened = new OpenedFiles();
