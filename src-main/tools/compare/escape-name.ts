/**
 * Names in checksum lines and verification output, escaped as GNU coreutils escapes them: a name
 * holding a backslash, newline or carriage return gets `\\`, `\n`, `\r` and the line a leading `\`,
 * so no name can split a line (and forge an "OK" line below it).
 */
export function escapeName(name: string, carriageReturn = true): { escaped: boolean; text: string } {
  if (!(carriageReturn ? /[\\\n\r]/ : /[\\\n]/).test(name)) return { escaped: false, text: name };
  const text = name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return { escaped: true, text: carriageReturn ? text.replace(/\r/g, '\\r') : text };
}

/**
 * A line `sha256sum -c` accepts: `<hex>  <name>`. b3sum (1.x) knows only the `\\` and `\n`
 * escapes and stops at `\r` ("Invalid backslash escape"), so BLAKE3 lines keep a carriage return
 * raw, as b3sum writes it (coreutils reads such a line the same way).
 */
export function formatGnuLine(hex: string, name: string, carriageReturn = true): string {
  const { escaped, text } = escapeName(name, carriageReturn);
  return `${escaped ? '\\' : ''}${hex}  ${text}`;
}

/** A tag line as `sha256sum --tag` writes it: `SHA256 (<name>) = <hex>`. */
export function formatBsdLine(tag: string, hex: string, name: string): string {
  const { escaped, text } = escapeName(name);
  return `${escaped ? '\\' : ''}${tag} (${text}) = ${hex}`;
}

/**
 * A name at the start of a `sha256sum -c` result line. coreutils (9.1) escapes it there only when it
 * holds a newline, the one character that could make a second, forged result line.
 */
export function formatResultName(name: string): string {
  if (!name.includes('\n')) return name;
  return `\\${escapeName(name).text}`;
}
