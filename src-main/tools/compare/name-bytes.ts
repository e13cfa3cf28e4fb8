/**
 * File names are bytes on Linux, and not every name is UTF-8. To carry such a name through JSON,
 * IPC and worker messages as an ordinary string, each byte that is not part of valid UTF-8 is kept
 * as the lone surrogate U+DC80–U+DCFF (Python's "surrogateescape"); it is turned back into the same
 * bytes when the file is opened or the name printed. A valid UTF-8 name stays exactly as it was.
 */

const strict = new TextDecoder('utf-8', { fatal: true });

/** Bytes of one UTF-8 sequence starting with `lead`, or 0 when `lead` cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

export function decodeName(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    let text = '';
    let index = 0;
    while (index < bytes.length) {
      const length = sequenceLength(bytes[index]!);
      if (length > 0 && index + length <= bytes.length) {
        try {
          text += strict.decode(bytes.subarray(index, index + length));
          index += length;
          continue;
        } catch {
          // Not a valid sequence: this byte is escaped below.
        }
      }
      text += String.fromCharCode(0xdc00 + bytes[index]!);
      index += 1;
    }
    return text;
  }
}

const escapedByte = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** The bytes a name stands for (the inverse of decodeName). */
export function encodeName(name: string): Buffer {
  if (!escapedByte.test(name)) return Buffer.from(name, 'utf8');
  const parts: Buffer[] = [];
  let run = '';
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    const previous = index > 0 ? name.charCodeAt(index - 1) : 0;
    const lone = code >= 0xdc80 && code <= 0xdcff && !(previous >= 0xd800 && previous <= 0xdbff);
    if (!lone) {
      run += name[index];
      continue;
    }
    parts.push(Buffer.from(run, 'utf8'), Buffer.from([code - 0xdc00]));
    run = '';
  }
  parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/** What to hand to fs: the string itself, or its bytes when it holds a name that is not UTF-8. */
export function fsPath(name: string): string | Buffer {
  return escapedByte.test(name) ? encodeName(name) : name;
}

/** A name for people: escaped bytes shown as \xNN (the page uses the same function). */
export { displayName } from '../../contract/name-display.ts';
