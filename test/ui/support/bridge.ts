import { FakeBridge } from './fake-bridge.ts';

/**
 * The one fake bridge of a test file's page, put where the preload puts the real one. The renderer's
 * lib/bridge.ts takes `window.suite` once, when first imported, so the setup file imports this module
 * before any component loads.
 */
export const bridge = new FakeBridge();
window.suite = bridge;
