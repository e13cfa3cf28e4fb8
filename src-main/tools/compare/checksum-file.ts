import { basename } from 'node:path';
import type { Algorithm } from '../../contract/compare.ts';
import { DIGEST_LENGTHS, algorithmFromName } from './expected-digest.ts';

export interface ChecksumEntry {
  line: number;
  path: string;
  algorithm: Algorithm;
  digest: string;
}

export interface ParsedChecksums {
  entries: ChecksumEntry[];
  malformed: number[];
}

/** GNU tools escape a name holding a backslash or newline, and mark the line with a leading backslash. */
function unescapeName(name: string): string {
  return name.replace(/\\(\\|n|r)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}

export function escapeName(name: string): { escaped: boolean; text: string } {
  if (!/[\\\n\r]/.test(name)) return { escaped: false, text: name };
  return { escaped: true, text: name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r') };
}

/** A line `sha256sum -c` accepts: `<hex>  <name>`, escaped the way coreutils escapes it. */
export function formatGnuLine(hex: string, name: string): string {
  const { escaped, text } = escapeName(name);
  return `${escaped ? '\\' : ''}${hex}  ${text}`;
}

/** The algorithm a GNU line's digest is in: by its length, with the checksum file's name breaking ties. */
function algorithmForGnu(hex: string, fileName: string): Algorithm | undefined {
  const hint = /(md5|sha1|sha256|sha512|sha3-?256|b2|blake2b?|b3|blake3|crc32|xxh64)/i.exec(fileName)?.[1];
  const hinted = hint ? algorithmFromName(hint.replace(/^blake2$/i, 'blake2b')) : undefined;
  if (hinted && DIGEST_LENGTHS[hinted] === hex.length) return hinted;
  // Without a hint, the common tool of each length: md5sum, sha1sum, sha256sum, sha512sum.
  const byLength: Record<number, Algorithm> = {
    8: 'crc32',
    16: 'xxh64',
    32: 'md5',
    40: 'sha1',
    64: 'sha256',
    128: 'sha512',
  };
  return byLength[hex.length];
}

const bsdLine = /^(\\?)([A-Za-z0-9-]+) \((.*)\) = ([0-9A-Fa-f]+)$/;
const gnuLine = /^(\\?)([0-9A-Fa-f]+) [ *](.*)$/;

type LineEntry = Omit<ChecksumEntry, 'line'>;

function entryOf(escaped: string, path: string, algorithm: Algorithm, hex: string): LineEntry {
  return { path: escaped ? unescapeName(path) : path, algorithm, digest: hex.toLowerCase() };
}

/** `SHA256 (name) = hex`: the algorithm is named, and its digest length must fit. */
function readBsdLine(line: string): LineEntry | null {
  const match = bsdLine.exec(line);
  if (!match) return null;
  const [, escaped, name, path, hex] = match as unknown as [string, string, string, string, string];
  const algorithm = algorithmFromName(name);
  return algorithm && DIGEST_LENGTHS[algorithm] === hex.length
    ? entryOf(escaped, path, algorithm, hex)
    : null;
}

/** `hex  name` or `hex *name`: the algorithm comes from the digest's length and the file's name. */
function readGnuLine(line: string, fileName: string): LineEntry | null {
  const match = gnuLine.exec(line);
  if (!match) return null;
  const [, escaped, hex, path] = match as unknown as [string, string, string, string];
  const algorithm = algorithmForGnu(hex, fileName);
  return algorithm && path !== '' ? entryOf(escaped, path, algorithm, hex) : null;
}

/**
 * Reads a checksum file as coreutils writes it: GNU lines (`<hex>  name`, `<hex> *name` for binary
 * mode) and BSD lines (`SHA256 (name) = <hex>`, as written by `--tag` and macOS's shasum). CRLF
 * line endings and comment lines are tolerated.
 */
export function parseChecksums(text: string, sumsFileName: string): ParsedChecksums {
  const entries: ChecksumEntry[] = [];
  const malformed: number[] = [];
  const fileName = basename(sumsFileName);
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.startsWith('#')) return;
    const entry = readBsdLine(line) ?? readGnuLine(line, fileName);
    if (entry) entries.push({ line: index + 1, ...entry });
    else malformed.push(index + 1);
  });
  return { entries, malformed };
}
