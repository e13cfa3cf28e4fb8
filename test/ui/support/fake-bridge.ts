import type { SuiteBridge } from '../../../src-main/contract/bridge.ts';
import type { ChannelName, Input, Result } from '../../../src-main/contract/channels.ts';
import type { ErrorInfo, Outcome } from '../../../src-main/contract/errors.ts';

/** One call a component made through `window.suite`, as the main process would have received it. */
export interface RecordedCall {
  opId: string;
  channel: ChannelName;
  input: unknown;
  /** Set when the component cancelled the call (Cancel, or a newer run of the same operation). */
  cancelled: boolean;
}

type Answer = (input: unknown) => Outcome<unknown> | Promise<Outcome<unknown>>;

/** An answer the test gives later, to hold a call open (running state, stale results). */
export interface HeldCall<K extends ChannelName> {
  readonly input: Input<K>;
  /** Answers the call; resolves once the component has taken the answer in. */
  succeed(value: Result<K>): Promise<void>;
  fail(error: ErrorInfo): Promise<void>;
}

/**
 * Stands in for the preload's `window.suite`: records every call and answers from outcomes the test
 * set per channel. A channel with no answer set fails the call loudly, so a component calling
 * something the test did not expect shows up as an error on screen and in `calls`.
 */
export class FakeBridge implements SuiteBridge {
  readonly calls: RecordedCall[] = [];
  readonly #answers = new Map<ChannelName, Answer>();
  readonly #held = new Map<ChannelName, HeldCall<ChannelName>[]>();

  /** Every later call to the channel succeeds with this value (or the value computed from its input). */
  answer<K extends ChannelName>(channel: K, value: Result<K> | ((input: Input<K>) => Result<K>)): void {
    this.#answers.set(channel, (input) => ({
      ok: true,
      value:
        typeof value === 'function' ? (value as (input: Input<K>) => Result<K>)(input as Input<K>) : value,
    }));
  }

  /** Every later call to the channel fails with this error. */
  fail(channel: ChannelName, error: ErrorInfo): void {
    this.#answers.set(channel, () => ({ ok: false, error }));
  }

  /** Later calls to the channel stay open until the test answers them through `held`. */
  hold(channel: ChannelName): void {
    this.#answers.set(channel, (input) => {
      let settle!: (outcome: Outcome<unknown>) => void;
      const answered = new Promise<Outcome<unknown>>((resolve) => (settle = resolve));
      // Resolves once the caller's own continuation has run (it awaited `answered` first).
      const deliver = (outcome: Outcome<unknown>) => {
        settle(outcome);
        return answered.then(() => undefined);
      };
      const queue = this.#held.get(channel) ?? [];
      queue.push({
        input: input as never,
        succeed: (value) => deliver({ ok: true, value }),
        fail: (error) => deliver({ ok: false, error }),
      });
      this.#held.set(channel, queue);
      return answered;
    });
  }

  /** The calls to the channel still held open, oldest first. */
  held<K extends ChannelName>(channel: K): HeldCall<K>[] {
    return (this.#held.get(channel) ?? []) as unknown as HeldCall<K>[];
  }

  callsTo<K extends ChannelName>(channel: K): (RecordedCall & { input: Input<K> })[] {
    return this.calls.filter((call) => call.channel === channel) as (RecordedCall & { input: Input<K> })[];
  }

  /** Forgets calls and answers between tests (the components' shared stores stay loaded). */
  reset(): void {
    this.calls.length = 0;
    this.#answers.clear();
    this.#held.clear();
  }

  invoke<K extends ChannelName>(opId: string, channel: K, input: Input<K>): Promise<Outcome<Result<K>>> {
    // A copy as it would cross the boundary (JSON over HTTP, a structured clone over IPC).
    const call: RecordedCall = { opId, channel, input: JSON.parse(JSON.stringify(input)), cancelled: false };
    this.calls.push(call);
    const answer = this.#answers.get(channel);
    if (!answer) {
      return Promise.resolve({
        ok: false,
        error: { code: 'INTERNAL', message: `The test gave no answer for ${channel}.` },
      });
    }
    return Promise.resolve(answer(input)) as Promise<Outcome<Result<K>>>;
  }

  /**
   * Only recorded: a held call stays open until the test answers it, so a test can let a cancelled
   * call's answer arrive late, after a newer one, as a busy main process may.
   */
  cancel(opId: string): void {
    const call = this.calls.find((entry) => entry.opId === opId);
    if (call) call.cancelled = true;
  }
}
