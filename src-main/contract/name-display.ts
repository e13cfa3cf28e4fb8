/**
 * A file name for people. Names that are not UTF-8 travel as lone surrogates U+DC80–U+DCFF, one per
 * byte (tools/compare/name-bytes.ts); shown raw they would all look like "�", so two different
 * names could not be told apart: each such byte is shown as \xNN. Shared by the CLI and the page.
 */
export function displayName(name: string): string {
  return name.replace(
    /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g,
    (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).padStart(2, '0')}`,
  );
}
