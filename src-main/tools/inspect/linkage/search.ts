import { lstat, stat } from 'node:fs/promises';
import { readBinary, matchesHost } from './binary-format.ts';
import type { BinaryInfo } from './binary-format.ts';

export interface Candidate {
  path: string;
  via: string;
}

export type Verdict = { ok: true; info: BinaryInfo } | { ok: false; reason: string; exists: boolean };

/**
 * Whether the loader would take this file: it opens (a dangling link does not), and it is a binary
 * of this machine's architecture (the loader skips others and searches on).
 */
export async function tryCandidate(path: string): Promise<Verdict> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    if (info.code === 'ELOOP') return { ok: false, reason: 'a loop of symbolic links', exists: true };
    const link = await lstat(path).catch(() => null);
    if (link?.isSymbolicLink()) return { ok: false, reason: 'a dangling symbolic link', exists: true };
    return { ok: false, reason: 'not there', exists: false };
  }
  if (info.isDirectory()) return { ok: false, reason: 'a folder', exists: true };
  try {
    const binary = await readBinary(path);
    if (!binary) return { ok: false, reason: 'not a shared library (no ELF or Mach-O header)', exists: true };
    if (!matchesHost(binary)) return { ok: false, reason: 'built for another architecture', exists: true };
    return { ok: true, info: binary };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: code ? `cannot be read (${code})` : `broken headers: ${(error as Error).message}`,
      exists: true,
    };
  }
}

/** libssl.so.3, libcrypto.so.1.1, libcrypto.1.0.0.dylib, @rpath/libssl.3.dylib … */
export function isTlsLibrary(name: string): boolean {
  return /(^|\/)lib(ssl|crypto)[.\d-]/.test(name) || /(^|\/)lib(ssl|crypto)\.(so|dylib)$/.test(name);
}

/** The version in a library's file name: libcrypto.so.1.1 → 1.1, libcrypto.1.0.0.dylib → 1.0.0. */
export function versionFromName(name: string): string | null {
  const base = name.split('/').at(-1)!;
  return (
    /\.so\.(\d+(?:\.\d+)*[a-z]?)$/.exec(base)?.[1] ?? /\.(\d+(?:\.\d+)*)\.dylib$/.exec(base)?.[1] ?? null
  );
}
