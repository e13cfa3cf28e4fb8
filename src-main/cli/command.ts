import type { ParseArgsOptionsConfig } from 'node:util';

export interface CommandInput {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  /** The options' long names in the order given, for options where the last one counts. */
  given: string[];
  signal: AbortSignal;
}

export interface CommandOutput {
  /**
   * 0 success, 1 a negative result (files differ, a check failed). Bad input throws instead (exit 2);
   * 2 is returned only with a result to print as well (diff -rq's "trouble": a folder compare that
   * could not read everything still lists what it found, and --json still prints its document).
   */
  exitCode: 0 | 1 | 2;
  /** The one JSON document printed with --json. */
  json: unknown;
  /** What a person reads without --json. */
  text: string;
}

export interface Command {
  name: string;
  summary: string;
  /** Arguments after the command's name, e.g. "FILE_A FILE_B [--exact]". */
  usage: string;
  /** Lines explaining each option, shown by --help. */
  details?: string[];
  options?: ParseArgsOptionsConfig;
  run(input: CommandInput): Promise<CommandOutput>;
}

/** A tool whose commands sit one level down: `suite zone convert …`. */
export interface CommandGroup {
  name: string;
  summary: string;
  commands: Command[];
}

export type CommandEntry = Command | CommandGroup;

export function isGroup(entry: CommandEntry): entry is CommandGroup {
  return 'commands' in entry;
}

/** A tool as the top level of the CLI knows it before its code is loaded. */
export interface ToolEntry {
  name: string;
  summary: string;
  load(): Promise<CommandEntry>;
}
