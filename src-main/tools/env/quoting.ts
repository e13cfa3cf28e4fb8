import type { TemporaryCommands } from '../../contract/env.ts';

/** bash and zsh: single quotes keep everything literal; a quote inside is closed, escaped, reopened. */
export function posixQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** fish: inside single quotes only \\ and \' are escapes. */
export function fishQuote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** PowerShell: inside single quotes a quote is doubled and nothing else is special. */
export function powershellQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Lines that set a variable in the current session only, for each shell. */
export function temporaryCommands(name: string, value: string): TemporaryCommands {
  const problems: string[] = [];
  if (/[\r\n]/.test(value)) problems.push('cmd cannot hold a line break in a variable');
  if (value.includes('%')) problems.push('cmd expands %NAME% even inside quotes');
  if (value.includes('"')) problems.push('a double quote ends cmd’s quoting early');
  return {
    bash: `export ${name}=${posixQuote(value)}`,
    fish: `set -gx ${name} ${fishQuote(value)}`,
    powershell: `$env:${name} = ${powershellQuote(value)}`,
    cmd: `set "${name}=${value.replace(/[\r\n]+/g, ' ')}"`,
    cmdWarning:
      problems.length > 0 ? `Not exact in cmd: ${problems.join('; ')}. Use PowerShell for this value.` : null,
  };
}
