import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { OpenRequest } from '../../contract/app.ts';
import { parseChecksums } from '../compare/checksum-file.ts';

const CHECKSUM_NAME = /(SUMS|\.(sha(1|224|256|384|512)|md5|b2|blake2b?|sha256sum|sha512sum|md5sum))$/i;

/** A checksum file by its name (SHA256SUMS, *.sha256 …) or by a first kilobyte of checksum lines. */
export async function isChecksumFile(path: string): Promise<boolean> {
  if (CHECKSUM_NAME.test(basename(path))) return true;
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1024), 0, 1024, 0);
    const lines = buffer.subarray(0, bytesRead).toString('utf8').split('\n').slice(0, -1).join('\n');
    const parsed = parseChecksums(lines, path);
    return parsed.entries.length > 0 && parsed.improper.length === 0;
  } finally {
    await handle.close();
  }
}

/** Where opened files go: one checksum file to verification, else the first two files to File Compare. */
export async function routeOpenedFiles(paths: string[], cwd: string): Promise<OpenRequest | null> {
  const files = paths.map((path) => resolve(cwd, path));
  if (files.length === 0) return null;
  if (files.length === 1 && (await isChecksumFile(files[0]!))) return { tool: 'verify', sumsFile: files[0]! };
  return { tool: 'compare', fileA: files[0]!, fileB: files[1] ?? '' };
}

/** Files opened before the page asked for them (start-up, second instance, macOS open-file), kept until taken. */
export class OpenedFiles {
  #pending: OpenRequest | null = null;
  #listener: (() => void) | null = null;

  async add(paths: string[], cwd: string): Promise<void> {
    const request = await routeOpenedFiles(paths, cwd);
    if (!request) return;
    this.#pending = request;
    this.#listener?.();
  }

  take(): OpenRequest | null {
    const request = this.#pending;
    this.#pending = null;
    return request;
  }

  /** Told when files arrive, so a running window can be asked to take them. */
  onAdded(listener: () => void): void {
    this.#listener = listener;
  }
}
