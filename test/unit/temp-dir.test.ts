import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp.ts';

describe('tempDir', () => {
  let madeInsideATest = '';
  it('makes a folder for the running test', async () => {
    madeInsideATest = await tempDir('cleanup-check');
    expect(existsSync(madeInsideATest)).toBe(true);
  });
  it('has removed it once that test finished', () => {
    expect(madeInsideATest).not.toBe('');
    expect(existsSync(madeInsideATest)).toBe(false);
  });
});
