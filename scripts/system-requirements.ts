/**
 * The programs the tests use as references or drive, and the Debian package of each: the one list
 * that `npm test`'s preflight checks and that `.ci/run` installs from (through the preflight).
 */
export interface Requirement {
  /** A program found on PATH, or an absolute path of a file that must exist. */
  needs: string;
  /** The Debian package that provides it. */
  debianPackage: string;
  why: string;
}

export const REQUIREMENTS: readonly Requirement[] = [
  { needs: 'chromium', debianPackage: 'chromium', why: 'the end-to-end tests drive Debian’s Chromium' },
  { needs: 'zsh', debianPackage: 'zsh', why: 'Env Settings reads values back with a real zsh' },
  { needs: 'fish', debianPackage: 'fish', why: 'Env Settings reads values back with a real fish' },
  { needs: 'b3sum', debianPackage: 'b3sum', why: 'the reference BLAKE3 digests' },
  { needs: 'xxhsum', debianPackage: 'xxhash', why: 'the reference XXH64 digests' },
  { needs: 'zdump', debianPackage: 'libc-bin', why: 'Zone Convert is checked against zdump' },
  {
    needs: '/usr/share/zoneinfo/America/New_York',
    debianPackage: 'tzdata',
    why: 'Zone Convert reads the system’s zoneinfo files',
  },
  { needs: 'openssl', debianPackage: 'openssl', why: 'digests and certificates are checked against openssl' },
  { needs: 'python3', debianPackage: 'python3', why: 'System Inspect reads a real Python' },
  { needs: 'cmp', debianPackage: 'diffutils', why: 'exact comparison is checked against cmp' },
  { needs: 'ps', debianPackage: 'procps', why: 'the hung-shell test checks that its shell was killed' },
  { needs: 'cc', debianPackage: 'gcc', why: 'tests that build a small program or library to inspect' },
];
