import type { X509Certificate } from 'node:crypto';
import { issuerName } from './describe-chain.ts';
import type { PathResult } from './validate-path.ts';

const nameOf = (certificate: X509Certificate) => issuerName(certificate.subject);

/**
 * What is wrong with the list as sent (RFC 5246 7.4.2 wants each certificate followed by its issuer;
 * testssl.sh and s_client show the same): out of order, sent but not on the path, a root sent along,
 * an intermediate missing.
 */
export function sentNotes(sent: X509Certificate[], result: PathResult): string[] {
  const notes: string[] = [];
  const onPath = new Set(result.path.map((certificate) => certificate.fingerprint256));
  sent.forEach((certificate, index) => {
    if (index === 0) return;
    if (!onPath.has(certificate.fingerprint256)) {
      notes.push(
        `Certificate ${index} (${nameOf(certificate)}) is not on the path to a root: sent for nothing.`,
      );
      return;
    }
    const previous = sent[index - 1]!;
    if (previous.issuer !== certificate.subject)
      notes.push(
        `Certificate ${index} (${nameOf(certificate)}) does not issue the one before it (${nameOf(previous)}): the server sends the chain out of order.`,
      );
    if (certificate.subject === certificate.issuer)
      notes.push(
        `Certificate ${index} (${nameOf(certificate)}) is a root: clients use their own copy, sending it is useless.`,
      );
  });
  if (result.errors.some((e) => e.code === 20 || e.code === 2)) {
    const top = result.path[result.path.length - 1]!;
    notes.push(
      `Missing: the certificate that issued ${nameOf(top)} (issuer: ${issuerName(top.issuer)}) was not sent.`,
    );
  }
  return notes;
}
