import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Files Env Settings could write in a HOME; none of the real HOME's may change during the tests. */
const WATCHED = [
  '.profile',
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.zshenv',
  '.zprofile',
  '.zshrc',
  '.config/fish/conf.d/devutil-suite.fish',
  '.local/state/devutil-suite/env-journal.json',
];

function fingerprint(home: string): Record<string, string> {
  return Object.fromEntries(
    WATCHED.map((file) => {
      try {
        return [
          file,
          createHash('sha256')
            .update(readFileSync(join(home, file)))
            .digest('hex'),
        ];
      } catch {
        return [file, 'absent'];
      }
    }),
  );
}

/**
 * Vitest global setup: every test process gets a temporary HOME (children inherit it), and the run
 * fails if any profile in the real HOME changed while the tests ran.
 */
export default function setup(): () => void {
  const realHome = process.env.HOME ?? homedir();
  const before = fingerprint(realHome);
  const testHome = mkdtempSync(join(tmpdir(), 'suite-test-home-'));
  process.env.HOME = testHome;
  process.env.USERPROFILE = testHome;
  delete process.env.XDG_STATE_HOME;
  delete process.env.XDG_CONFIG_HOME;
  delete process.env.ZDOTDIR;
  return () => {
    rmSync(testHome, { recursive: true, force: true });
    const after = fingerprint(realHome);
    const changed = WATCHED.filter((file) => before[file] !== after[file]);
    if (changed.length > 0) throw new Error(`The tests changed the real HOME: ${changed.join(', ')}`);
  };
}
