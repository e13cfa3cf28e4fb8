import type { SuiteBridge } from '../../../src-main/contract/bridge.ts';

declare global {
  interface Window {
    /** The renderer's bridge (src-renderer/global.d.ts): the tests put a FakeBridge there. */
    suite?: SuiteBridge;
  }
}
