/**
 * A profile's bytes as a string that gives the same bytes back, whatever they are. Valid UTF-8 is
 * decoded as usual; each byte that is not part of valid UTF-8 (a Latin-1 comment, say) becomes a lone
 * low surrogate U+DC80–U+DCFF, which decoding valid UTF-8 never yields (Python's "surrogateescape").
 * So text outside the managed block stays byte for byte what the user had.
 */

const ESCAPE_BASE = 0xdc00;
/** Lone low surrogates only: the `u` flag keeps a surrogate pair (an emoji) from matching. */
const ESCAPED = /[\uDC80-\uDCFF]/gu;

/** The length of the valid UTF-8 sequence at `at`, or 0 when the byte there does not start one. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  const [length, min, max] =
    lead >= 0xc2 && lead <= 0xdf
      ? [2, 0x80, 0xbf]
      : lead === 0xe0
        ? [3, 0xa0, 0xbf]
        : lead === 0xed
          ? [3, 0x80, 0x9f] // no encoded surrogates
          : lead >= 0xe1 && lead <= 0xef
            ? [3, 0x80, 0xbf]
            : lead === 0xf0
              ? [4, 0x90, 0xbf]
              : lead >= 0xf1 && lead <= 0xf3
                ? [4, 0x80, 0xbf]
                : lead === 0xf4
                  ? [4, 0x80, 0x8f]
                  : [0, 0, 0];
  if (length === 0 || at + length > bytes.length) return 0;
  const second = bytes[at + 1]!;
  if (second < min || second > max) return 0;
  for (let index = at + 2; index < at + length; index++) {
    if (bytes[index]! < 0x80 || bytes[index]! > 0xbf) return 0;
  }
  return length;
}

/** The file's bytes as text; `encodeProfile` gives exactly these bytes back. */
export function decodeProfile(bytes: Uint8Array): string {
  const parts: string[] = [];
  let start = 0;
  let at = 0;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (at < bytes.length) {
    const length = sequenceLength(bytes, at);
    if (length > 0) {
      at += length;
      continue;
    }
    parts.push(buffer.toString('utf8', start, at), String.fromCharCode(ESCAPE_BASE + bytes[at]!));
    at += 1;
    start = at;
  }
  parts.push(buffer.toString('utf8', start, at));
  return parts.join('');
}

/** The bytes `decodeProfile` read this text from (the app's own block is plain UTF-8). */
export function encodeProfile(text: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (const match of text.matchAll(ESCAPED)) {
    parts.push(
      Buffer.from(text.slice(start, match.index), 'utf8'),
      Buffer.of(match[0].charCodeAt(0) - ESCAPE_BASE),
    );
    start = match.index + match[0].length;
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** The text for a preview: a byte that is not UTF-8 shown as \xE9, never as a replacement character. */
export const showBytes = (text: string): string =>
  text.replace(ESCAPED, (char) => `\\x${(char.charCodeAt(0) - ESCAPE_BASE).toString(16).toUpperCase()}`);

/** Whether a value holds something no UTF-8 profile can store as given (a lone surrogate, or U+FFFD, which
 * is what a byte that is not UTF-8 in a command-line argument becomes). */
export const hasUnwritableText = (value: string): boolean => /\p{Surrogate}|\uFFFD/u.test(value);
