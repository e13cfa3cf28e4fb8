import type { CommandEntry } from './command.ts';
import { infoCommand } from '../tools/app/cli.ts';
import { compareCommand, hashCommand, verifyCommand } from '../tools/compare/cli.ts';
import { zoneCommands } from '../tools/zone/cli.ts';
import { envCommands } from '../tools/env/cli.ts';
import { inspectCommands } from '../tools/inspect/cli.ts';

/** Every tool's commands, in the order --help lists them. */
export const commands: CommandEntry[] = [
  compareCommand,
  hashCommand,
  verifyCommand,
  zoneCommands,
  envCommands,
  inspectCommands,
  infoCommand,
];
