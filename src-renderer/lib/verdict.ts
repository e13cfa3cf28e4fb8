/** A verdict's colour (app.css): success green, failure red, unknown or skipped amber. */
export type Tone = 'good' | 'bad' | 'unknown';

/** Every verdict word the app shows, and its tone: one table, so a verdict cannot wear another's colour. */
const TONES = {
  match: 'good',
  identical: 'good',
  ok: 'good',
  verified: 'good',
  valid: 'good',
  supported: 'good',
  differ: 'bad',
  different: 'bad',
  failed: 'bad',
  missing: 'bad',
  unreadable: 'bad',
  improper: 'bad',
  untrusted: 'bad',
  expired: 'bad',
  'not-yet-valid': 'bad',
  'wrong-host': 'bad',
  'key-mismatch': 'bad',
  'unreadable-key': 'bad',
  conflict: 'bad',
  error: 'bad',
  incomplete: 'bad',
  'out-of-support': 'bad',
  dangling: 'bad',
  changed: 'bad',
  added: 'bad',
  removed: 'bad',
  'type-changed': 'bad',
  expiring: 'unknown',
  'renew-soon': 'unknown',
  skipped: 'unknown',
  unknown: 'unknown',
  'not-compared': 'unknown',
  cycle: 'unknown',
} as const satisfies Record<string, Tone>;

export type Verdict = keyof typeof TONES;

/**
 * The attributes every element showing a verdict carries: `data-verdict` says what it is (for tests
 * and assistive styling), `data-tone` gives it its colour. Spread them: `<td {...verdict('failed')}>`.
 */
export function verdict(word: Verdict): { 'data-verdict': Verdict; 'data-tone': Tone } {
  return { 'data-verdict': word, 'data-tone': TONES[word] };
}
