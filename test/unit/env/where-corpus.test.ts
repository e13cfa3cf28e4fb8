import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAssignments } from '../../../src-main/tools/env/where-set.ts';
import { tempDir } from '../../support/temp.ts';

/**
 * Lines that set or export X when bash runs them (always-taken branches only), and lines that do not.
 * (`X=1 true` is not here: bash's trace shows its X=1 like an assignment; where-forms covers it.)
 */
const SETS = [
  'X=1',
  'export X=1',
  'export   X="a b"  # comment',
  'X=1 && export X',
  'if true; then export X=2; fi',
  'if [ -n "$HOME" ]\nthen\n  export X=3\nfi',
  'export A=1 X=2',
  'true; X=3',
  '[ -n "$HOME" ] && export X=4',
  'declare -x X=5',
  'typeset -x X=6',
  'X=$(echo 1)',
  '{ X=7; }',
  'case x in x) X=9;; esac',
  'for i in 1; do X=10; done',
  'X+=1',
  'export X',
  "X='it'\\''s'",
  'X=1;X=2',
  "true || true; export X='a;b'",
];
const DOES_NOT = [
  'echo "X=not"',
  '# X=comment',
  'Y=1',
  'XX=1',
  'export XY',
  "echo 'X=1; export X'",
  ': X=1',
  'echo X=1',
  "echo 'a; export X=1 b'",
  'echo "a && X=1"',
  'printf "%s\\n" "export X=1"',
];

/** A random profile: lines of both kinds, in random order, with random indentation and blank lines. */
function randomProfile(random: () => number): string {
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const lines: string[] = [];
  const count = 5 + Math.floor(random() * 15);
  for (let index = 0; index < count; index++) {
    const line = random() < 0.5 ? pick(SETS) : pick(DOES_NOT);
    const indent = pick(['', '  ', '\t', '    ']);
    lines.push(`${indent}${line}${random() < 0.2 ? '\n' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The reference: the lines on which bash's own trace shows X assigned or exported. */
function bashAssigns(file: string): number[] {
  const trace = spawnSync(
    'bash',
    ['--norc', '--noprofile', '-c', `PS4='+\${LINENO}: '; set -x; . "$1"`, 'bash', file],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: '/tmp' }, timeout: 30_000 },
  ).stderr;
  const lines = new Set<number>();
  for (const line of trace.split('\n')) {
    const match = /^\+\++(\d+): (.*)$/.exec(line);
    // Depth two and more: the sourced file's own commands (the first + is the -c line).
    if (!match) continue;
    // xtrace prints an assignment as X=…, and quotes a whole word with a space: export 'X=a b'.
    const command = match[2]!;
    if (
      /^X\+?=/.test(command) ||
      /^(export|declare|typeset)(\s+-\w+)*\s+(.*\s)?'?X(\+?=|'|\s|$)/.test(command)
    )
      lines.add(Number(match[1]));
  }
  return [...lines].sort((a, b) => a - b);
}

/** A small deterministic generator, so a failure can be replayed from its seed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('where agrees with bash on which lines set a variable', () => {
  it('on 40 generated profiles', async () => {
    const dir = await tempDir('where-corpus');
    const seed = Date.now() % 100_000;
    for (let round = 0; round < 40; round++) {
      const file = join(dir, `profile-${round}`);
      const text = randomProfile(generator(seed + round));
      await writeFile(file, text);
      const { assignments } = await findAssignments('bash', 'X', [file], { HOME: dir });
      const found = [...new Set(assignments.map((assignment) => assignment.line!))].sort((a, b) => a - b);
      expect(found, `seed ${seed + round}:\n${text}`).toEqual(bashAssigns(file));
    }
  }, 60_000);
});
