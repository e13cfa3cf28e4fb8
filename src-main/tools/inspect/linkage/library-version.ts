import { open, stat } from 'node:fs/promises';

const MAX_SCAN_BYTES = 64 << 20;
const CHUNK = 1 << 20;
/** OPENSSL_VERSION_TEXT as the libraries carry it: "OpenSSL 3.0.17 1 Jul 2025", "LibreSSL 3.3.6". */
const VERSION_TEXT =
  /(OpenSSL|LibreSSL) (\d+\.\d+\.\d+[a-z]{0,2}(?:[-+][A-Za-z0-9.]+)?)(?: +(?:FIPS +)?\d{1,2} [A-Z][a-z]{2} \d{4})?\0/;

const cache = new Map<string, string | null>();

/**
 * The release a libssl/libcrypto file names inside itself (its OPENSSL_VERSION_TEXT), read in
 * chunks up to 64 MiB; cached by path, size and modification time.
 */
export async function embeddedVersion(path: string): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return null;
  const key = `${path}\0${info.size}\0${info.mtimeMs}`;
  if (cache.has(key)) return cache.get(key)!;
  let found: string | null = null;
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK + 256);
    let carry = 0;
    for (let offset = 0; offset < Math.min(info.size, MAX_SCAN_BYTES) && !found; offset += CHUNK) {
      const { bytesRead } = await file.read(buffer, carry, CHUNK, offset);
      if (bytesRead === 0) break;
      const total = carry + bytesRead;
      const match = VERSION_TEXT.exec(buffer.toString('latin1', 0, total));
      if (match) found = match[0].replace(/\0$/, '').replace(/ +/g, ' ');
      // Keep the tail so a string cut by the chunk boundary is seen whole next time.
      const keep = Math.min(256, total);
      buffer.copy(buffer, 0, total - keep, total);
      carry = keep;
    }
  } finally {
    await file.close();
  }
  cache.set(key, found);
  return found;
}
