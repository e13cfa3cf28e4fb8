/** How long synchronous file work may hold the event loop before it gives IPC, Ctrl-C and timers a turn. */
const TURN_EVERY_MS = 15;
let lastTurn = performance.now();

/**
 * Small files are read with synchronous calls (microseconds each, no trip through libuv's thread
 * pool); callers await this between files so thousands of them still leave the process responsive.
 */
export async function takeTurns(): Promise<void> {
  if (performance.now() - lastTurn < TURN_EVERY_MS) return;
  await new Promise((resolve) => setImmediate(resolve));
  lastTurn = performance.now();
}
