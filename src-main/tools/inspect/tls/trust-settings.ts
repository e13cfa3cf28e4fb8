/**
 * OpenSSL's own trust settings on a root: a `-----BEGIN TRUSTED CERTIFICATE-----` block is the
 * certificate followed by an X509_CERT_AUX (`openssl x509 -addtrust/-addreject -trustout`):
 *   SEQUENCE { trust SEQUENCE OF OID OPTIONAL, reject [0] IMPLICIT SEQUENCE OF OID OPTIONAL, … }
 * OpenSSL's check_trust and check_purpose (x509_vfy.c, x509_trust.c obj_trust) obey them.
 */
import type { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

export interface TrustSettings {
  /** Uses the root is trusted for; null when the block names none. */
  trust: string[] | null;
  /** Uses the root is rejected for; null when the block names none. */
  reject: string[] | null;
}

const settings = new WeakMap<X509Certificate, TrustSettings>();

/** The OIDs inside a SEQUENCE OF OID (or its [0] IMPLICIT form: asn1js keeps the same blocks). */
function oids(block: asn1js.BaseBlock): string[] {
  return (block as asn1js.Constructed).valueBlock.value.flatMap((item) =>
    item instanceof asn1js.ObjectIdentifier ? [item.valueBlock.toString()] : [],
  );
}

/**
 * Records the trust settings that follow the certificate in a TRUSTED CERTIFICATE block. Returns
 * false when the trailer is not a readable X509_CERT_AUX.
 */
export function recordTrustSettings(certificate: X509Certificate, trailer: Buffer): boolean {
  if (trailer.length === 0) return true;
  const parsed = asn1js.fromBER(new Uint8Array(trailer));
  if (parsed.offset === -1 || parsed.offset !== trailer.length || !(parsed.result instanceof asn1js.Sequence))
    return false;
  const fields = parsed.result.valueBlock.value;
  const trustField = fields.find((field) => field instanceof asn1js.Sequence);
  const rejectField = fields.find((field) => field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 0);
  settings.set(certificate, {
    trust: trustField ? oids(trustField) : null,
    reject: rejectField ? oids(rejectField) : null,
  });
  return true;
}

/**
 * OpenSSL's X509_check_trust for the sslserver purpose (trust_1oidany, obj_trust): "rejected" when
 * serverAuth or anyExtendedKeyUsage is rejected, or uses are listed and neither is among them;
 * "trusted" when one of them is listed; otherwise "neutral" (ordinary trust in the CA file).
 */
export function serverTrust(certificate: X509Certificate): 'trusted' | 'rejected' | 'neutral' {
  const found = settings.get(certificate);
  if (!found) return 'neutral';
  const serverUse = (oid: string) => oid === SERVER_AUTH || oid === ANY_EXTENDED_KEY_USAGE;
  if (found.reject?.some(serverUse)) return 'rejected';
  if (found.trust) return found.trust.some(serverUse) ? 'trusted' : 'rejected';
  return 'neutral';
}
