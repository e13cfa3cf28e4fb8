import type { RegistryKey } from './windows-registry.ts';

const quoted = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A text value as regedit writes it in hex: its UTF-16LE bytes with the terminating NUL. */
const hexText = (type: 1 | 2, text: string) =>
  `hex(${type}):${[...Buffer.from(`${text}\0`, 'utf16le')].map((byte) => byte.toString(16).padStart(2, '0')).join(',')}`;

/**
 * HKCU\Environment as a .reg file (UTF-16LE with a BOM and CRLF, as regedit exports): the backup
 * taken before every change, which a double-click merges back. Text values only; other kinds,
 * which the app never changes, are named in a comment.
 */
export function regFile(key: RegistryKey): Buffer {
  const lines = ['Windows Registry Editor Version 5.00', '', '[HKEY_CURRENT_USER\\Environment]'];
  for (const [name, { value, kind }] of Object.entries(key).sort(([a], [b]) => a.localeCompare(b))) {
    // REG_SZ in quotes unless it holds a line break or other control character, which quotes cannot carry.
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for.
    if (kind === 'String' && !/[\u0000-\u001f]/.test(value)) lines.push(`${quoted(name)}=${quoted(value)}`);
    else if (kind === 'String') lines.push(`${quoted(name)}=${hexText(1, value)}`);
    else if (kind === 'ExpandString') lines.push(`${quoted(name)}=${hexText(2, value)}`);
    else lines.push(`; ${name} (${kind}) is not a text value and is not part of this backup.`);
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf16le');
}
