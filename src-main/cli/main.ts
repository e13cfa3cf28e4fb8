import { enableCompileCache } from 'node:module';

// Stripping the types of some 50 modules and compiling 150 is most of the CLI's start-up. Node's
// compile cache (in the temporary folder) keeps both between runs; the modules load after it is on.
enableCompileCache();
const { commands } = await import('./commands.ts');
const { rawArgv } = await import('./raw-argv.ts');
const { runCli } = await import('./run-cli.ts');

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

const exitCode = await runCli(commands, rawArgv(process.argv.slice(2)), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
});
process.exitCode = exitCode;
