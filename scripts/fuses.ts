import { FuseV1Options, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import type { FuseConfig } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import type { Configuration } from 'electron-builder';

/** A fuse's state as the binary holds it: on, off, or absent (removed / not in this Electron's wire). */
export type FuseState = 'on' | 'off' | 'absent';
export type FuseName = keyof typeof FuseV1Options;

const STATES: Record<number, FuseState> = { 48: 'off', 49: 'on' };

/**
 * The wire electron-builder flips for `electronFuses`, computed by electron-builder's own code
 * (its private `generateFuseConfig`), so a test checks what packaging does, not our reading of it.
 */
export async function fuseConfigOf(config: Configuration): Promise<FuseConfig> {
  const packager = PlatformPackager.prototype as unknown as {
    generateFuseConfig(fuses: NonNullable<Configuration['electronFuses']>): Promise<FuseConfig>;
  };
  if (!config.electronFuses) throw new Error('The packaging configuration sets no electronFuses.');
  return packager.generateFuseConfig.call({}, config.electronFuses);
}

/** Flips the configured fuses in an Electron binary (or a copy), as packaging does. */
export async function flipConfiguredFuses(binary: string, config: Configuration): Promise<void> {
  await flipFuses(binary, await fuseConfigOf(config));
}

/** Every V1 fuse of an Electron binary by name, read back with @electron/fuses. */
export async function readFuses(binary: string): Promise<Record<FuseName, FuseState>> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number | undefined>;
  const names = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key))) as FuseName[];
  return Object.fromEntries(
    names.map((name) => [name, STATES[wire[FuseV1Options[name]] ?? -1] ?? 'absent']),
  ) as Record<FuseName, FuseState>;
}
