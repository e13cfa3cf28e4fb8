import type {
  CompareResult,
  ExactReport,
  ExpectedReport,
  VerifyLine,
  VerifyResult,
} from '../../../src-main/contract/compare.ts';
import type { SettingsState } from '../../../src-main/contract/settings.ts';

export const savedSettings: SettingsState = {
  settings: {
    lastTool: 'compare',
    recentFiles: [],
    favouriteZones: ['Asia/Tokyo', 'Europe/London'],
    algorithms: ['sha256'],
  },
  notice: null,
};

const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);

/** What compare.files answers for two files whose SHA-256 digests match, or differ. */
export function comparison(fileA: string, fileB: string, same: boolean): CompareResult {
  const b = same ? DIGEST_A : DIGEST_B;
  return {
    files: [
      { label: 'File 1', path: fileA, state: 'read', size: 3, digests: { sha256: DIGEST_A }, error: null },
      { label: 'File 2', path: fileB, state: 'read', size: 3, digests: { sha256: b }, error: null },
    ],
    rows: [{ algorithm: 'sha256', a: DIGEST_A, b, match: same }],
    exact: null,
    expected: null,
    verdict: same ? 'match' : 'differ',
    summary: same ? 'The files match.' : 'The files differ.',
    elapsedMs: 5,
  };
}

function line(number: number, path: string, status: VerifyLine['status']): VerifyLine {
  return {
    line: number,
    path,
    algorithm: 'sha256',
    candidates: ['sha256'],
    expected: DIGEST_A,
    actual: status === 'MISSING' ? null : status === 'OK' ? DIGEST_A : DIGEST_B,
    status,
    message: status === 'MISSING' ? 'No such file.' : null,
  };
}

/** What compare.verify answers for a SHA256SUMS with one good, one bad and one missing file. */
export function verification(sumsFile: string): VerifyResult {
  return {
    sumsFile,
    lines: [line(1, 'good.txt', 'OK'), line(2, 'bad.txt', 'FAILED'), line(3, 'gone.txt', 'MISSING')],
    improper: [],
    ok: 1,
    failed: 1,
    unreadable: 1,
    skipped: 0,
    strict: false,
    ignoreMissing: false,
    verdict: 'failed',
    summary: '1 computed checksum did NOT match; 1 listed file could not be read.',
  };
}

/** Byte-for-byte comparison as compare.files reports it with exact on. */
export function exactReport(same: boolean): ExactReport {
  return same
    ? { verdict: 'identical', size: 3, message: 'The files are identical.' }
    : {
        verdict: 'different',
        byte: 2,
        offset: 1,
        line: 1,
        byteA: 0x6e,
        byteB: 0x77,
        message: 'differ: byte 2, line 1',
      };
}

/** An expected digest of File 1 as compare.files checks it. */
export function expectedReport(same: boolean): ExpectedReport {
  return {
    given: 'sha256:' + (same ? DIGEST_A : DIGEST_B),
    form: 'hex',
    candidates: ['sha256'],
    matched: same ? 'sha256' : null,
    verdict: same ? 'match' : 'differ',
    message: same ? 'File 1 has the expected SHA-256.' : 'File 1 does NOT have the expected digest.',
  };
}
