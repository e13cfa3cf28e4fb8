#!/usr/bin/env node
// The suite's CLI: `devutil` after `npm link`, `npm run suite`, and what the tests and benchmarks run.
// Plain JavaScript, so any Node can start it. It runs the CLI as built beside the app (out/main/cli.js,
// one bundle: half the start-up) when that build is newer than every source, else from source. Both
// need a Node that strips types or is new enough for the build (22.18+, 24), so an older Node hands
// over to the Node 24 that `npm install` put in node_modules (the `node` devDependency).
import module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAIN_SOURCES, buildIsCurrent } from './build-freshness.js';

const root = fileURLToPath(new URL('..', import.meta.url));

async function runCli() {
  // Node's compile cache (in the temporary folder) keeps compiled modules between runs, and for
  // source the stripped TypeScript too: it is on before the first module loads, so not even the type
  // stripper has to load. (Node 20 has no enableCompileCache, and never reaches this.)
  module.enableCompileCache();
  if (buildIsCurrent(root, MAIN_SOURCES)) {
    try {
      // A URL, not a path: on Windows `C:\…` is not an import specifier.
      await import(new URL('../out/main/cli.js', import.meta.url).href);
      return;
    } catch (error) {
      // A build under way removes files: nothing ran yet (modules link before any runs), so the
      // sources can take over.
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    }
  }
  await import('../src-main/cli/main.ts');
}

if (process.features.typescript) {
  await runCli();
} else {
  // Loaded here only: starting a child costs a few milliseconds of every run's start-up otherwise.
  const [{ spawn }, { constants }] = await Promise.all([import('node:child_process'), import('node:os')]);
  const node = join(root, 'node_modules/node/bin/node');
  const child = spawn(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl+C reaches the child through the terminal's process group; this process only waits for it.
  process.on('SIGINT', () => {});
  child.on('error', (error) => {
    process.stderr.write(
      `devutil: cannot start ${node}: ${error.message}. Run "npm install" in the suite's folder.\n`,
    );
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
  });
}
