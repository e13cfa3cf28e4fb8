/** A Markdown table; pipes in cells are escaped so a value cannot break the table. */
export function markdownTable(headers: string[], rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) =>
    String(value ?? '—')
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ');
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}
