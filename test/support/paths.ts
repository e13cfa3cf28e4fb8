import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The CLI as users start it: the launcher, which turns on the compile cache and runs src-main/cli/main.ts. */
export const cliEntry = fileURLToPath(new URL('../../scripts/devutil.js', import.meta.url));
export const webEntry = fileURLToPath(new URL('../../src-main/web/main.ts', import.meta.url));
