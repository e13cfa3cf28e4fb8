import { ALGORITHMS } from '../../contract/compare.ts';
import type { Algorithm } from '../../contract/compare.ts';

/** Hex digits of each algorithm's digest. */
export const DIGEST_LENGTHS: Record<Algorithm, number> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  sha512: 128,
  'sha3-256': 64,
  'blake2b-512': 128,
  blake3: 64,
  crc32: 8,
  xxh64: 16,
};

/** Spellings people and tools use for each algorithm, compared without case, dashes or underscores. */
const aliases: Record<string, Algorithm> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha2256: 'sha256',
  sha512: 'sha512',
  sha2512: 'sha512',
  sha3256: 'sha3-256',
  blake2b: 'blake2b-512',
  blake2b512: 'blake2b-512',
  b2: 'blake2b-512',
  blake3: 'blake3',
  b3: 'blake3',
  crc32: 'crc32',
  xxh64: 'xxh64',
  xxhash64: 'xxh64',
};

export function algorithmFromName(name: string): Algorithm | undefined {
  return aliases[name.toLowerCase().replace(/[-_\s]/g, '')];
}

/** Every algorithm whose digest has this many hex digits, in the app's order. */
export function algorithmsOfLength(hexDigits: number): Algorithm[] {
  return ALGORITHMS.filter((algorithm) => DIGEST_LENGTHS[algorithm] === hexDigits);
}

/**
 * Tags of BSD lines (`TAG (name) = hex`), spelled exactly as the tools write them: coreutils' --tag
 * (MD5, SHA1, SHA256, SHA512, BLAKE2b), OpenSSL's dgst (SHA2-256, SHA3-256, BLAKE2B-512), b3sum and
 * xxhsum. Matched with case, as coreutils matches them.
 */
export const BSD_TAGS: Record<string, Algorithm> = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA256: 'sha256',
  'SHA2-256': 'sha256',
  SHA512: 'sha512',
  'SHA2-512': 'sha512',
  'SHA3-256': 'sha3-256',
  BLAKE2b: 'blake2b-512',
  'BLAKE2b-512': 'blake2b-512',
  'BLAKE2B-512': 'blake2b-512',
  BLAKE3: 'blake3',
  CRC32: 'crc32',
  XXH64: 'xxh64',
};

/** A checksum file's name as a hint: SFV, or one algorithm named as a whole word (SHA256SUMS, x.b3). */
export type NameHint = Algorithm | 'sfv' | null;

const hintWord =
  /(?:^|[^a-z0-9])(md5|sha1|sha256|sha512|sha3-256|sha3|b2|blake2b|blake2|b3|blake3|crc32|xxh64|xxhash64|sfv)(?:sums?)?(?=$|[^a-z0-9])/g;

/**
 * The algorithm a checksum file's name declares, as a whole word: `web3-tools.tar.gz.sha256` is
 * SHA-256 (not BLAKE3: "web3" is not the word "b3"). The last such word wins, so the extension does.
 */
export function hintFromFileName(fileName: string): NameHint {
  const words = [...fileName.toLowerCase().matchAll(hintWord)].map((match) => match[1]!);
  const last = words.at(-1);
  if (last === undefined) return null;
  if (last === 'sfv') return 'sfv';
  return algorithmFromName(last === 'sha3' ? 'sha3-256' : last === 'blake2' ? 'blake2b' : last) ?? null;
}

/**
 * Algorithms to try for an untagged digest of this length: the one the file's name declares when it
 * fits, else every algorithm of that length (the digest is checked against each).
 */
export function candidatesFor(hexDigits: number, hint: NameHint): Algorithm[] {
  const fitting = algorithmsOfLength(hexDigits);
  return hint !== null && hint !== 'sfv' && fitting.includes(hint) ? [hint] : fitting;
}
