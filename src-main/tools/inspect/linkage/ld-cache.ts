import { readFile, stat } from 'node:fs/promises';

/**
 * glibc's /etc/ld.so.cache (the "glibc-ld.so.cache1.1" format ldconfig writes, alone or after the
 * old "ld.so-1.7.0" table), read as ld.so reads it: the first entry of a name for this
 * architecture wins. Returns name → path; empty when there is no cache (musl, macOS).
 */
const NEW_MAGIC = 'glibc-ld.so.cache1.1';
const OLD_MAGIC = 'ld.so-1.7.0';
const FLAG_ELF_LIBC6 = 0x0003;

/** The cache's architecture flag ld.so accepts (FLAG_X8664_LIB64 and friends); 0 for none. */
export function cacheArchFlag(arch: string = process.arch): number | null {
  const flags: Record<string, number> = {
    x64: 0x0300,
    arm64: 0x0a00,
    ia32: 0,
    arm: 0x0900,
    riscv64: 0x1000,
    ppc64: 0x0500,
    s390x: 0x0600,
  };
  return flags[arch] ?? null;
}

export function parseLdCache(data: Buffer, archFlag: number | null = cacheArchFlag()): Map<string, string> {
  const entries = new Map<string, string>();
  let base = 0;
  if (data.toString('latin1', 0, OLD_MAGIC.length) === OLD_MAGIC) {
    const count = data.readUInt32LE(OLD_MAGIC.length + 1);
    // Old header: magic (11) padded to 12, count; 12-byte entries; the new table follows, 8-aligned.
    base = (OLD_MAGIC.length + 1 + 4 + count * 12 + 7) & ~7;
  }
  if (data.toString('latin1', base, base + NEW_MAGIC.length) !== NEW_MAGIC) return entries;
  const count = data.readUInt32LE(base + 20);
  const first = base + 48;
  const hwcapOnly = new Map<string, string>();
  if (first + count * 24 > data.length) return entries;
  for (let i = 0; i < count; i++) {
    const at = first + i * 24;
    const flags = data.readInt32LE(at);
    if ((flags & 0xff) !== FLAG_ELF_LIBC6) continue;
    if (archFlag !== null && (flags & 0xff00) !== archFlag) continue;
    const read = (offset: number) => {
      const start = base + offset;
      const end = data.indexOf(0, start);
      return data.toString('utf8', start, end < 0 ? data.length : end);
    };
    const name = read(data.readUInt32LE(at + 4));
    const path = read(data.readUInt32LE(at + 8));
    // Entries for glibc-hwcaps subfolders depend on the CPU; the plain entry is the baseline.
    if (data.readBigUInt64LE(at + 16) !== 0n) {
      if (!hwcapOnly.has(name)) hwcapOnly.set(name, path);
    } else if (!entries.has(name)) entries.set(name, path);
  }
  for (const [name, path] of hwcapOnly) if (!entries.has(name)) entries.set(name, path);
  return entries;
}

let cached: { mtimeMs: number; entries: Map<string, string> } | null = null;

/** The system's cache, read again only when the file changed. */
export async function systemLdCache(path = '/etc/ld.so.cache'): Promise<Map<string, string>> {
  const info = await stat(path).catch(() => null);
  if (!info) return new Map();
  if (cached && cached.mtimeMs === info.mtimeMs && path === '/etc/ld.so.cache') return cached.entries;
  const entries = parseLdCache(await readFile(path));
  if (path === '/etc/ld.so.cache') cached = { mtimeMs: info.mtimeMs, entries };
  return entries;
}
