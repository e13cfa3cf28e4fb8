import type { SuiteBridge } from '../../src-main/contract/bridge.ts';
import type { ErrorInfo, Outcome } from '../../src-main/contract/errors.ts';
import { readEvents } from './sse.ts';

const failed = (error: ErrorInfo): Outcome<never> => ({ ok: false, error });

/**
 * Browser mode's stand-in for `window.suite`: each call is a POST whose response streams progress
 * events and then the result; cancelling aborts the request, which the server sees as a closed socket.
 */
export function httpBridge(token: string | null): SuiteBridge {
  const running = new Map<string, AbortController>();

  async function invoke(opId: string, channel: string, input: unknown, onProgress?: (p: unknown) => void) {
    const controller = new AbortController();
    running.set(opId, controller);
    try {
      const response = await fetch(`./api/${channel}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token ?? ''}`,
          'Content-Type': 'application/json',
          Accept: 'text/event-stream',
        },
        body: JSON.stringify(input),
        signal: controller.signal,
      });
      if (response.status === 401) {
        return failed({
          code: 'FORBIDDEN',
          message:
            'This page has no valid token. Open the address that "npm run web" printed, with its #token=….',
        });
      }
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as Outcome<unknown> | null;
        return body && !body.ok
          ? body
          : failed({ code: 'FAILED', message: `The server answered ${response.status}.` });
      }
      for await (const frame of readEvents(response.body)) {
        if (frame.event === 'progress') onProgress?.(JSON.parse(frame.data));
        else if (frame.event === 'result') return JSON.parse(frame.data) as Outcome<unknown>;
      }
      return failed({ code: 'FAILED', message: 'The connection closed before an answer came.' });
    } catch {
      if (controller.signal.aborted) return failed({ code: 'CANCELLED', message: 'Cancelled.' });
      return failed({
        code: 'FAILED',
        message: 'The suite is not reachable. Is "npm run web" still running?',
      });
    } finally {
      running.delete(opId);
    }
  }

  return {
    invoke: invoke as SuiteBridge['invoke'],
    cancel: (opId) => running.get(opId)?.abort(),
  };
}
