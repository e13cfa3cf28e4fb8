import type { SuiteBridge } from '../src-main/contract/bridge.ts';

declare global {
  interface Window {
    /** Present under Electron (exposed by the preload); absent in browser mode. */
    suite?: SuiteBridge;
  }
}
