import type { TlsBatchRow, TlsVerdict } from '../../../src-main/contract/inspect.ts';

/** The words on screen for each verdict, and its tone (good green, bad red, unknown amber). */
export const VERDICT_WORDS: Record<TlsVerdict | 'error', string> = {
  verified: 'Verified',
  'renew-soon': 'Verified, renew soon',
  untrusted: 'Not trusted',
  expired: 'Expired',
  'not-yet-valid': 'Not yet valid',
  'wrong-host': 'Wrong host name',
  'key-mismatch': 'Key does not match',
  'unreadable-key': 'Unreadable key',
  error: 'Could not check',
};

export function toneOf(verdict: TlsVerdict | TlsBatchRow['verdict']): 'good' | 'bad' | 'unknown' {
  return verdict === 'verified' ? 'good' : verdict === 'renew-soon' ? 'unknown' : 'bad';
}
