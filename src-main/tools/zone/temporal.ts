import { Temporal as Polyfill } from 'temporal-polyfill';

/** Native Temporal where the runtime has it, else the polyfill: the same API either way. */
export const Temporal: typeof Polyfill = (globalThis as { Temporal?: typeof Polyfill }).Temporal ?? Polyfill;
export type { Temporal as TemporalTypes } from 'temporal-polyfill';
