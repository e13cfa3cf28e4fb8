import { ALGORITHM_LABELS, ALGORITHMS } from '../../contract/compare.ts';
import type { Algorithm } from '../../contract/compare.ts';
import { SuiteError } from '../../core/suite-error.ts';

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
  sha512: 'sha512',
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

export interface ParsedDigest {
  hex: string;
  candidates: Algorithm[];
}

/**
 * Reads a pasted digest: optional `algorithm:` prefix, hex in any case. Without a prefix every
 * algorithm of that length is a candidate (64 digits: SHA-256, SHA3-256 or BLAKE3).
 */
export function parseExpectedDigest(text: string): ParsedDigest | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = /^(?:([A-Za-z0-9_-]+)\s*[:=]\s*)?([0-9A-Fa-f]+)$/.exec(trimmed);
  if (!match) {
    throw new SuiteError(
      'BAD_INPUT',
      'The expected digest must be hexadecimal, optionally after a prefix such as "sha256:".',
    );
  }
  const [, prefix, digits] = match as unknown as [string, string | undefined, string];
  const hex = digits.toLowerCase();
  if (prefix !== undefined) {
    const algorithm = algorithmFromName(prefix);
    if (!algorithm) throw new SuiteError('BAD_INPUT', `"${prefix}" is not an algorithm this tool knows.`);
    if (DIGEST_LENGTHS[algorithm] !== hex.length) {
      throw new SuiteError(
        'BAD_INPUT',
        `A ${ALGORITHM_LABELS[algorithm]} digest has ${DIGEST_LENGTHS[algorithm]} hex digits; this one has ${hex.length}.`,
      );
    }
    return { hex, candidates: [algorithm] };
  }
  const candidates = ALGORITHMS.filter((algorithm) => DIGEST_LENGTHS[algorithm] === hex.length);
  if (candidates.length === 0) {
    throw new SuiteError(
      'BAD_INPUT',
      `No algorithm has a ${hex.length}-digit digest (CRC32 has 8, XXH64 16, MD5 32, SHA-1 40, SHA-256 64, SHA-512 128).`,
    );
  }
  return { hex, candidates };
}
