/**
 * Names in checksum lines and verification output, escaped as GNU coreutils escapes them: a name
 * holding a backslash, newline or carriage return gets `\\`, `\n`, `\r` and the line a leading `\`,
 * so no name can split a line (and forge an "OK" line below it).
 */
export function escapeName(name: string): { escaped: boolean; text: string } {
  if (!/[\\\n\r]/.test(name)) return { escaped: false, text: name };
  return {
    escaped: true,
    text: name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r'),
  };
}

/** A line `sha256sum -c` accepts: `<hex>  <name>`. */
export function formatGnuLine(hex: string, name: string): string {
  const { escaped, text } = escapeName(name);
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
