import { readFile } from 'node:fs/promises';
import type { Assignment, ShellKind } from '../../contract/env.ts';
import { BEGIN, END } from './managed-block.ts';

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lines that assign or export a variable, in the syntax of each shell. */
function assignmentPattern(kind: ShellKind, name: string): RegExp {
  const n = escape(name);
  if (kind === 'fish') {
    const fishPath = name === 'PATH' ? '|^\\s*fish_add_path\\b' : '';
    return new RegExp(`^\\s*set\\s+(?:-{1,2}[\\w-]+\\s+)*${n}(?:\\s|$)${fishPath}`);
  }
  const zshPath = kind === 'zsh' && name === 'PATH' ? '|^\\s*path\\+?=\\(' : '';
  return new RegExp(
    `^\\s*(?:(?:export|readonly)\\s+|(?:declare|typeset)\\s+-\\w+\\s+)?${n}\\+?=|^\\s*export\\s+(?:[A-Za-z_]\\w*\\s+)*${n}(?:\\s|$)${zshPath}`,
  );
}

/** Every line of the given startup files that sets the variable, with file and line number. */
export async function findAssignments(kind: ShellKind, name: string, files: string[]): Promise<Assignment[]> {
  const pattern = assignmentPattern(kind, name);
  const found: Assignment[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    let managed = false;
    text.split('\n').forEach((raw, index) => {
      const line = raw.replace(/\r$/, '');
      if (line === BEGIN) managed = true;
      if (pattern.test(line)) found.push({ file, line: index + 1, text: line.trim(), managed });
      if (line === END) managed = false;
    });
  }
  return found;
}
