import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestRunner, afterAll, onTestFinished } from 'vitest';

/**
 * A fresh temporary folder, removed when the test that made it finishes, or after the file's tests
 * when made outside a test (an afterAll registered inside a running test never runs).
 */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `suite-${prefix}-`));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  if (TestRunner.getCurrentTest()) onTestFinished(cleanup);
  else afterAll(cleanup);
  return dir;
}
