import type { CommandEntry } from './command.ts';
import { infoCommand } from '../tools/app/cli.ts';

/** Every tool's commands, in the order --help lists them. */
export const commands: CommandEntry[] = [infoCommand];
