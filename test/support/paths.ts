import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliEntry = fileURLToPath(new URL('../../src-main/cli/main.ts', import.meta.url));
export const webEntry = fileURLToPath(new URL('../../src-main/web/main.ts', import.meta.url));
