import type { PolicyWarning } from '../../../contract/inspect.ts';
import type { CertificateFacts } from './certificate-facts.ts';
import { issuerName } from './describe-chain.ts';
import { CURVE_BITS } from './security-level.ts';

const DAY = 86_400_000;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

/**
 * The CA/Browser Forum Baseline Requirements' longest server certificate validity, by issue date
 * (BR 6.3.2; ballot SC-081 sets the steps from 2026).
 */
const MAXIMUM_VALIDITY: { from: string; days: number }[] = [
  { from: '2029-03-15', days: 47 },
  { from: '2027-03-15', days: 100 },
  { from: '2026-03-15', days: 200 },
  { from: '2020-09-01', days: 398 },
  { from: '2018-03-01', days: 825 },
  { from: '2015-04-01', days: 1185 },
  { from: '2012-07-01', days: 1826 },
];

export function maximumValidityDays(issued: Date): number | null {
  return MAXIMUM_VALIDITY.find((step) => issued >= new Date(`${step.from}T00:00:00Z`))?.days ?? null;
}

/**
 * What OpenSSL still verifies but browsers and the CA/B Forum refuse: weak digests and keys, a server
 * certificate without serverAuth or without a SAN, or valid longer than allowed when it was issued.
 * `path` is leaf first; the top self-signed root's own signature is not judged (nobody checks it).
 */
export function policyWarnings(path: CertificateFacts[]): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  path.forEach((facts, depth) => {
    const name = `Certificate ${depth} (${issuerName(facts.node.subject)})`;
    const algorithm = (facts.node.signatureAlgorithm ?? '').toLowerCase();
    const rootOwnSignature = depth === path.length - 1 && facts.selfSigned && depth > 0;
    if (!rootOwnSignature && /md5|sha1(?!\d)|sha-1/.test(algorithm))
      warnings.push({
        kind: 'weak-signature',
        depth,
        message: `${name} is signed with ${algorithm.includes('md5') ? 'MD5' : 'SHA-1'} (${facts.node.signatureAlgorithm}), which is broken for signatures.`,
      });
    const key = facts.node.publicKey;
    const details = key.asymmetricKeyDetails ?? {};
    if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) < 2048)
      warnings.push({
        kind: 'weak-key',
        depth,
        message: `${name} has an RSA key of ${details.modulusLength} bits; 2048 is the minimum.`,
      });
    if (key.asymmetricKeyType === 'ec') {
      const bits = CURVE_BITS[details.namedCurve ?? ''] ?? 0;
      if (bits < 256)
        warnings.push({
          kind: 'weak-key',
          depth,
          message: `${name} has an EC key on ${details.namedCurve ?? 'an unnamed curve'} (${bits || '?'} bits); 256 is the minimum.`,
        });
    }
  });
  const leaf = path[0];
  if (!leaf) return warnings;
  if (!leaf.extendedKeyUsage?.includes(SERVER_AUTH))
    warnings.push({
      kind: 'no-server-auth',
      depth: 0,
      message: leaf.extendedKeyUsage
        ? 'The server certificate’s extended key usage lacks serverAuth: clients refuse it for a TLS server.'
        : 'The server certificate has no extended key usage: publicly trusted ones must list serverAuth.',
    });
  if (!leaf.hasSan)
    warnings.push({
      kind: 'no-san',
      depth: 0,
      message:
        'The server certificate has no subjectAltName: browsers ignore the common name and match no host.',
    });
  const issued = leaf.node.validFromDate;
  const maximum = maximumValidityDays(issued);
  const lifetime = (leaf.node.validToDate.getTime() - issued.getTime()) / DAY;
  if (maximum !== null && lifetime > maximum && !leaf.basicConstraints?.ca)
    warnings.push({
      kind: 'too-long',
      depth: 0,
      message: `Valid for ${Math.round(lifetime)} days; the CA/B Forum allowed at most ${maximum} for certificates issued on ${issued.toISOString().slice(0, 10)}.`,
    });
  return warnings;
}
