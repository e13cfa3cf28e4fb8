#!/usr/bin/env node
// The `devutil` command that `npm link` puts on PATH: the suite's CLI, run in the caller's folder.
// Plain JavaScript, so any Node can start it; the CLI itself is TypeScript and needs a Node that
// strips types (22.18+, 24), so an older Node hands over to the Node 24 that `npm install` put in
// node_modules (the `node` devDependency).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src-main/cli/main.ts', import.meta.url));

if (process.features.typescript) {
  await import(cli);
} else {
  const node = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  const child = spawn(node, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl+C reaches the child through the terminal's process group; this process only waits for it.
  process.on('SIGINT', () => {});
  child.on('error', (error) => {
    process.stderr.write(
      `devutil: cannot start ${node}: ${error.message}. Run "npm install" in the suite's folder.\n`,
    );
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? 128 + (constants.signals[signal] ?? 0);
  });
}
