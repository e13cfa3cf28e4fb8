import { commands } from './commands.ts';
import { runCli } from './run-cli.ts';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

const exitCode = await runCli(commands, process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
});
process.exitCode = exitCode;
