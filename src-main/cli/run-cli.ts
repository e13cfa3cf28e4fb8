import { parseArgs } from 'node:util';
import { SuiteError } from '../core/suite-error.ts';
import { isGroup } from './command.ts';
import type { Command, ToolEntry } from './command.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  signal: AbortSignal;
}

const PROGRAM = 'suite';

/** Runs `suite <tool> [<command>] [args] [--json]`, returning the exit code: 0, 1, or 2 for bad usage. */
export async function runCli(tools: ToolEntry[], argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout(topHelp(tools));
    return first === undefined ? 2 : 0;
  }
  const tool = tools.find((candidate) => candidate.name === first);
  if (!tool) return usageError(io, `unknown tool "${first}"`, PROGRAM);
  const entry = await tool.load();
  if (!isGroup(entry)) return runCommand(entry, rest, io, `${PROGRAM} ${entry.name}`);
  const [second, ...args] = rest;
  if (second === undefined || second === '--help' || second === '-h') {
    io.stdout(groupHelp(entry.name, entry.summary, entry.commands));
    return second === undefined ? 2 : 0;
  }
  const command = entry.commands.find((candidate) => candidate.name === second);
  if (!command)
    return usageError(io, `unknown command "${second}" for ${entry.name}`, `${PROGRAM} ${entry.name}`);
  return runCommand(command, args, io, `${PROGRAM} ${entry.name} ${command.name}`);
}

async function runCommand(command: Command, argv: string[], io: CliIo, path: string): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(commandHelp(command, path));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    return usageError(io, (error as Error).message, path);
  }
  const json = parsed.values.json === true;
  try {
    const output = await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      given: parsed.tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : [])),
      signal: io.signal,
    });
    io.stdout(json ? `${JSON.stringify(output.json, null, 2)}\n` : output.text);
    return output.exitCode;
  } catch (error) {
    if (error instanceof SuiteError) {
      io.stderr(`${path}: ${error.message}\n`);
      return error.code === 'CANCELLED' ? 130 : 2;
    }
    throw error;
  }
}

function usageError(io: CliIo, message: string, path: string): number {
  io.stderr(`${path}: ${message}. See "${path} --help".\n`);
  return 2;
}

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, text]) => `  ${name.padEnd(width)}  ${text}`).join('\n');
}

function topHelp(tools: ToolEntry[]): string {
  return [
    `Usage: ${PROGRAM} <tool> [<command>] [arguments] [--json]`,
    '',
    'Tools:',
    table(tools.map((tool) => [tool.name, tool.summary])),
    '',
    `"${PROGRAM} <tool> --help" tells more. Exit codes: 0 success, 1 a negative result, 2 bad usage or input.`,
    '',
  ].join('\n');
}

function groupHelp(name: string, summary: string, commands: Command[]): string {
  return [
    `Usage: ${PROGRAM} ${name} <command> [arguments] [--json]`,
    '',
    summary,
    '',
    'Commands:',
    table(commands.map((command) => [command.name, command.summary])),
    '',
  ].join('\n');
}

function commandHelp(command: Command, path: string): string {
  return [
    `Usage: ${path} ${command.usage}`.trimEnd(),
    '',
    command.summary,
    ...(command.details ? ['', ...command.details.map((line) => `  ${line}`)] : []),
    '  --json  print one JSON document on stdout instead of text',
    '',
  ].join('\n');
}
