import type { Algorithm } from '../../contract/compare.ts';
import { BSD_TAGS, DIGEST_LENGTHS, algorithmsOfLength, candidatesFor } from './algorithm-names.ts';
import type { NameHint } from './algorithm-names.ts';
import { decodeName } from './name-bytes.ts';

/** One line of a checksum file, read as GNU coreutils' `sha256sum -c` reads it (md5sum.c, split_3). */
export type LineReading =
  | { kind: 'skip' }
  | { kind: 'entry'; name: string; digest: string; candidates: Algorithm[] }
  | { kind: 'improper'; reason: string };

/**
 * What one file's lines have shown so far. coreutils reads `hex name` (one separator) as the BSD
 * "reversed" format, and once a file has used one style it refuses lines of the other, so that a
 * renamed file with a leading space cannot pass as the other format.
 */
export interface FileReadingState {
  /** -1 undecided, 0 standard (`hex  name`), 1 reversed (`hex name`). */
  bsdReversed: -1 | 0 | 1;
  hint: NameHint;
}

const SPACE = 0x20;
const TAB = 0x09;
const BACKSLASH = 0x5c;
const isWhite = (byte: number | undefined): boolean => byte === SPACE || byte === TAB;
const isHex = (byte: number | undefined): boolean =>
  byte !== undefined &&
  ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));

/** Undoes coreutils' escaping of `\\`, `\n` and `\r`; null for any other escape or a NUL (as coreutils). */
function unescapeName(bytes: Buffer): Buffer | null {
  const out: number[] = [];
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte === 0) return null;
    if (byte !== BACKSLASH) {
      out.push(byte);
      continue;
    }
    const next = bytes[++index];
    if (next === 0x6e) out.push(0x0a);
    else if (next === 0x72) out.push(0x0d);
    else if (next === BACKSLASH) out.push(BACKSLASH);
    else return null;
  }
  return Buffer.from(out);
}

/** A name as C sees it: up to the first NUL. */
function cString(bytes: Buffer): Buffer {
  const end = bytes.indexOf(0);
  return end === -1 ? bytes : bytes.subarray(0, end);
}

function improper(reason: string): LineReading {
  return { kind: 'improper', reason };
}

const tagPattern = /^([A-Za-z0-9]+(?:-[0-9]+)?) ?\(/;

/** `TAG (name) = hex`: name up to the last `)`, blanks around `=`, a digest of the tag's length. */
function readBsd(line: Buffer, start: number, escaped: boolean): LineReading | null {
  const head = line.subarray(start, start + 24).toString('latin1');
  const match = tagPattern.exec(head);
  if (!match) return null;
  const tag = match[1]!;
  const algorithm = BSD_TAGS[tag];
  // Not a tag this tool knows: coreutils reads such a line as a GNU line (`hex (name)` is one).
  if (!algorithm) return null;
  const body = line.subarray(start + match[0].length);
  const close = body.lastIndexOf(0x29);
  if (close === -1) return improper('a BSD line without ")" after the name');
  let index = close + 1;
  while (isWhite(body[index])) index++;
  if (body[index] !== 0x3d) return improper('a BSD line without "=" after the name');
  index++;
  while (isWhite(body[index])) index++;
  const digest = body.subarray(index).toString('latin1');
  if (digest.length !== DIGEST_LENGTHS[algorithm] || ![...digest].every((c) => isHex(c.charCodeAt(0)))) {
    return improper(`the ${tag} digest must be ${DIGEST_LENGTHS[algorithm]} hex digits`);
  }
  const rawName = body.subarray(0, close);
  const name = escaped ? unescapeName(rawName) : cString(rawName);
  if (!name) return improper('the name has an escape other than \\\\, \\n or \\r');
  return { kind: 'entry', name: decodeName(name), digest: digest.toLowerCase(), candidates: [algorithm] };
}

/** `hex  name`, `hex *name`, or (the reversed BSD format) `hex name`; blank means space or tab. */
function readGnu(line: Buffer, start: number, escaped: boolean, state: FileReadingState): LineReading {
  let end = start;
  while (isHex(line[end])) end++;
  const digits = end - start;
  if (digits === 0 || algorithmsOfLength(digits).length === 0) {
    if (line.subarray(start).every((byte) => isWhite(byte))) return improper('a line of blanks');
    const tag = tagPattern.exec(line.subarray(start, start + 24).toString('latin1'))?.[1];
    if (tag && !/^[0-9A-Fa-f]+$/.test(tag)) return improper(`${tag} is not an algorithm this tool supports`);
    return improper(digits === 0 ? 'not a checksum line' : `${digits} hex digits fit no supported algorithm`);
  }
  // coreutils' minimum: the digest, a blank and a one-byte name (one more if the name starts with "\").
  if (line.length - start < digits + 2 + (line[start] === BACKSLASH ? 1 : 0)) {
    return improper('no file name after the digest');
  }
  if (!isWhite(line[end])) return improper('the digest is not followed by a space or tab');
  let index = end + 1;
  if (line.length - index === 1 || (line[index] !== SPACE && line[index] !== 0x2a)) {
    if (state.bsdReversed === 0) return improper('one blank between digest and name, after lines with two');
    state.bsdReversed = 1;
  } else if (state.bsdReversed !== 1) {
    state.bsdReversed = 0;
    index++;
  }
  const rawName = line.subarray(index);
  const name = escaped ? unescapeName(rawName) : cString(rawName);
  if (!name) return improper('the name has an escape other than \\\\, \\n or \\r');
  return {
    kind: 'entry',
    name: decodeName(name),
    digest: line.subarray(start, end).toString('latin1').toLowerCase(),
    candidates: candidatesFor(digits, state.hint),
  };
}

/** SFV (`name CRC32`, `;` comments), read only from a file named *.sfv. */
function readSfv(line: Buffer): LineReading {
  if (line[0] === 0x3b) return { kind: 'skip' };
  const text = line.toString('latin1');
  const match = /^(.*?)[ \t]+([0-9A-Fa-f]{8})[ \t]*$/.exec(text);
  if (!match || match[1]!.trim() === '') return improper('not an SFV line (name, then 8 hex digits)');
  return {
    kind: 'entry',
    name: decodeName(Buffer.from(match[1]!, 'latin1')),
    digest: match[2]!.toLowerCase(),
    candidates: ['crc32'],
  };
}

/** Reads one line (its "\n" already removed), updating the file's state as coreutils does. */
export function readChecksumLine(raw: Buffer, state: FileReadingState): LineReading {
  if (raw[0] === 0x23) return { kind: 'skip' };
  // A CRLF ending, as coreutils reads it; b3sum keeps the carriage return (it writes one raw in a
  // name), so a BLAKE3 file by its name (B3SUMS, *.b3) is read as b3sum reads it.
  const line = raw.at(-1) === 0x0d && state.hint !== 'blake3' ? raw.subarray(0, -1) : raw;
  if (line.length === 0) return { kind: 'skip' };
  if (state.hint === 'sfv') return readSfv(line);
  if (line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) {
    return improper('starts with a UTF-8 byte-order mark, which sha256sum cannot read either');
  }
  let start = 0;
  while (isWhite(line[start])) start++;
  const escaped = line[start] === BACKSLASH;
  if (escaped) start++;
  return readBsd(line, start, escaped) ?? readGnu(line, start, escaped, state);
}

/**
 * A sidecar such as `file.iso.sha256` may hold nothing but the digest: it is then the digest of the
 * file named like the sidecar without its last extension.
 */
export function readSidecarDigest(line: Buffer, sumsFileName: string, hint: NameHint): LineReading | null {
  const text = line.toString('latin1').trim();
  const dot = sumsFileName.lastIndexOf('.');
  if (dot <= 0 || !/^[0-9A-Fa-f]+$/.test(text) || algorithmsOfLength(text.length).length === 0) return null;
  return {
    kind: 'entry',
    name: sumsFileName.slice(0, dot),
    digest: text.toLowerCase(),
    candidates: candidatesFor(text.length, hint),
  };
}
