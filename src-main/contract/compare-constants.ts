/**
 * File Compare's algorithm names and labels, apart from the zod schemas in compare.ts: the renderer
 * imports these values, and a module without zod keeps zod out of its bundle.
 */
export const ALGORITHMS = [
  'md5',
  'sha1',
  'sha256',
  'sha512',
  'sha3-256',
  'blake2b-512',
  'blake3',
  'crc32',
  'xxh64',
] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** How each algorithm is named to people (and in BSD-style checksum lines). */
export const ALGORITHM_LABELS: Record<Algorithm, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  'sha3-256': 'SHA3-256',
  'blake2b-512': 'BLAKE2b-512',
  blake3: 'BLAKE3',
  crc32: 'CRC32',
  xxh64: 'XXH64',
};
