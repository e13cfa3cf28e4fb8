import { ALGORITHM_LABELS } from '../../contract/compare.ts';
import type { Algorithm } from '../../contract/compare.ts';
import { SuiteError } from '../../core/suite-error.ts';
import { BSD_TAGS, DIGEST_LENGTHS, algorithmFromName, algorithmsOfLength } from './algorithm-names.ts';

export interface ParsedDigest {
  /** Lower-case hex, whatever form was pasted. */
  hex: string;
  /** Algorithms that fit: one when the paste named it, else every one of that length. */
  candidates: Algorithm[];
  /** How the paste was read, for the report: "hex", "base64", "SRI", "sha256sum line", … */
  form: string;
  /** The file name of a pasted checksum line, if any. */
  name: string | null;
}

const HEX = /^[0-9A-Fa-f]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function fromHex(
  hex: string,
  form: string,
  named: Algorithm | null,
  name: string | null = null,
): ParsedDigest {
  if (named) {
    if (DIGEST_LENGTHS[named] !== hex.length) {
      throw new SuiteError(
        'BAD_INPUT',
        `A ${ALGORITHM_LABELS[named]} digest has ${DIGEST_LENGTHS[named]} hex digits; this one has ${hex.length}.`,
      );
    }
    return { hex: hex.toLowerCase(), candidates: [named], form, name };
  }
  const candidates = algorithmsOfLength(hex.length);
  if (candidates.length === 0) {
    throw new SuiteError(
      'BAD_INPUT',
      `No algorithm has a ${hex.length}-digit digest (CRC32 has 8, XXH64 16, MD5 32, SHA-1 40, SHA-256 64, SHA-512 128).`,
    );
  }
  return { hex: hex.toLowerCase(), candidates, form, name };
}

/** Base64 (standard or URL-safe, padded or not) of a digest of a supported length, else null. */
function fromBase64(text: string, named: Algorithm | null, form: string): ParsedDigest | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  const hex = bytes.toString('hex');
  // Decoding must be exact: re-encoding gives back what was pasted (padding aside).
  const again = bytes.toString('base64').replace(/=+$/, '');
  if (again !== text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')) return null;
  if (named ? DIGEST_LENGTHS[named] !== hex.length : algorithmsOfLength(hex.length).length === 0) return null;
  return fromHex(hex, form, named);
}

function namedAlgorithm(name: string): Algorithm {
  const algorithm = BSD_TAGS[name] ?? algorithmFromName(name);
  if (!algorithm) throw new SuiteError('BAD_INPUT', `"${name}" is not an algorithm this tool knows.`);
  return algorithm;
}

/**
 * Reads whatever was pasted as the expected digest of File 1: hex of any supported length, an
 * `algorithm:` or `algorithm=` prefix, a `sha256sum` line (`hex  name`), a BSD line
 * (`SHA256 (name) = hex`), base64, or an SRI digest (`sha256-…`, as in package-lock.json), in any
 * case and with blanks around it.
 */
export function parseExpectedDigest(text: string): ParsedDigest | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (HEX.test(trimmed)) return fromHex(trimmed, 'hex', null);
  const bsd = /^\\?([A-Za-z0-9-]+) ?\((.*)\)[ \t]*=[ \t]*([0-9A-Fa-f]+)$/.exec(trimmed);
  if (bsd) return fromHex(bsd[3]!, 'BSD checksum line', namedAlgorithm(bsd[1]!), bsd[2]!);
  const gnu = /^\\?([0-9A-Fa-f]+)[ \t]+[ *]?(.+)$/.exec(trimmed);
  if (gnu && algorithmsOfLength(gnu[1]!.length).length > 0) {
    return fromHex(gnu[1]!, 'checksum line', null, gnu[2]!);
  }
  const sri = /^(sha256|sha384|sha512|sha1|md5)-([A-Za-z0-9+/]+={0,2})$/i.exec(trimmed);
  if (sri) {
    const algorithm = namedAlgorithm(sri[1]!);
    const parsed = fromBase64(sri[2]!, algorithm, 'SRI (base64)');
    if (parsed) return parsed;
  }
  const prefixed = /^([A-Za-z0-9_-]+?)\s*[:=]\s*(\S+)$/.exec(trimmed);
  if (prefixed) {
    const algorithm = namedAlgorithm(prefixed[1]!);
    const value = prefixed[2]!;
    if (HEX.test(value)) return fromHex(value, 'hex', algorithm);
    const parsed = fromBase64(value, algorithm, 'base64');
    if (parsed) return parsed;
    throw new SuiteError(
      'BAD_INPUT',
      `"${value}" is not a ${ALGORITHM_LABELS[algorithm]} digest in hex or base64.`,
    );
  }
  const base64 = fromBase64(trimmed, null, 'base64');
  if (base64) return base64;
  throw new SuiteError(
    'BAD_INPUT',
    'The expected digest must be hex, base64, an SRI digest (sha256-…), or a sha256sum or BSD checksum line.',
  );
}
