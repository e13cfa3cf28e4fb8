// Started by scripts/devutil.js, which turns on Node's compile cache first.
import { commands } from './commands.ts';
import { exitWhenFlushed, outputFailed } from './output.ts';
import { rawArgv } from './raw-argv.ts';
import { runCli } from './run-cli.ts';

// `npm run suite` runs in the package's folder, not the caller's; npm says where it was called from
// in INIT_CWD. Relative paths (`hash *.tar.gz`, `verify SHA256SUMS`) mean the caller's folder.
const callerFolder = process.env.npm_lifecycle_event === 'suite' ? process.env.INIT_CWD : undefined;
try {
  if (callerFolder) process.chdir(callerFolder);
} catch (error) {
  process.stderr.write(`suite: cannot work in ${callerFolder}: ${(error as NodeJS.ErrnoException).code}.\n`);
  process.exit(2);
}

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.stdout.on('error', outputFailed);
// Nothing is left to tell a failure of stderr on: the command goes on, its exit code says the rest.
process.stderr.on('error', () => {});

const exitCode = await runCli(commands, rawArgv(process.argv.slice(2)), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
});
process.exitCode = exitCode;
exitWhenFlushed(exitCode);
