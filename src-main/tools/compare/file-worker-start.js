// A pooled worker started from source (CLI, browser mode, tests): Node's compile cache is turned on
// before the worker's TypeScript loads, as scripts/devutil.js does for the CLI, so a worker starts in
// tens of milliseconds instead of loading the type stripper first. Electron's bundle starts
// file-worker.js directly.
import module from 'node:module';

module.enableCompileCache();
await import('./file-worker.ts');
