import type { ChannelName, Input, Progress, Result } from '../../src-main/contract/channels.ts';
import type { ErrorInfo } from '../../src-main/contract/errors.ts';
import { call } from './bridge.ts';

/** The UI state of one cancellable call: running, its latest progress, and its result or error. */
export class Operation<K extends ChannelName> {
  running = $state(false);
  progress = $state<Progress<K> | null>(null);
  result = $state<Result<K> | null>(null);
  error = $state<ErrorInfo | null>(null);
  readonly channel: K;
  #controller: AbortController | null = null;

  constructor(channel: K) {
    this.channel = channel;
  }

  async run(input: Input<K>): Promise<Result<K> | null> {
    // A newer run replaces the one in flight: its answer, whenever it comes, is dropped below.
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.running = true;
    this.progress = null;
    this.error = null;
    this.result = null;
    const outcome = await call(this.channel, input, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (this.#controller === controller) this.progress = progress;
      },
    });
    if (this.#controller !== controller) return null;
    this.running = false;
    this.#controller = null;
    if (outcome.ok) this.result = outcome.value;
    else this.error = outcome.error;
    return outcome.ok ? outcome.value : null;
  }

  /**
   * Stops the call and says so at once. Its answer is dropped whenever it comes, even a result the
   * main process finished just as the user cancelled: what the user cancelled is never shown.
   */
  cancel(): void {
    const controller = this.#controller;
    if (!controller) return;
    this.#controller = null;
    controller.abort();
    this.running = false;
    this.error = { code: 'CANCELLED', message: 'Cancelled.' };
  }
}
