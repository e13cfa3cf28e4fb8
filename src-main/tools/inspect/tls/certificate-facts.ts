import type { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
/** OpenSSL's XKU_SGC: Netscape's and Microsoft's Server Gated Crypto, accepted for sslserver. */
const SERVER_GATED_CRYPTO = ['2.16.840.1.113730.4.1', '1.3.6.1.4.1.311.10.3.3'];
const NETSCAPE_CERT_TYPE = '2.16.840.1.113730.1.1';
/** nsCertType bits as OpenSSL reads them (the first byte of the BIT STRING). */
const NS_SSL_SERVER = 0x40;
const NS_SSL_CA = 0x04;
const NS_ANY_CA = 0x07;

/** What path validation and the policy checks read from one certificate's extensions. */
export interface CertificateFacts {
  node: X509Certificate;
  der: Buffer;
  /** null when there is no basicConstraints extension. */
  basicConstraints: { ca: boolean; pathLength: number | null } | null;
  /** keyUsage bits (x509.KeyUsageFlags), null when absent. */
  keyUsage: number | null;
  /** Netscape certificate type bits (first byte), null when absent. */
  netscapeCertType: number | null;
  /** extendedKeyUsage OIDs, null when absent. */
  extendedKeyUsage: string[] | null;
  hasSan: boolean;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  /** Subject equals issuer (RFC 5280 "self-issued"). */
  selfIssued: boolean;
  /** Self-issued with matching key identifiers, as OpenSSL's EXFLAG_SS. */
  selfSigned: boolean;
  /** X.509 v1/v2: no extensions at all. */
  version1: boolean;
  /** Critical extensions OpenSSL does not handle (it then refuses the certificate, error 34). */
  unhandledCritical: string[];
}

/** OpenSSL 3's X509_supported_extension: a critical extension outside this list fails verification. */
const HANDLED_EXTENSIONS = new Set([
  '2.16.840.1.113730.1.1', // Netscape certificate type
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.32', // certificatePolicies
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.37', // extKeyUsage
  '1.3.6.1.5.5.7.1.7', // IP address blocks (RFC 3779)
  '1.3.6.1.5.5.7.1.8', // AS identifiers (RFC 3779)
  '1.3.6.1.5.5.7.48.1.5', // OCSP no check
  '2.5.29.36', // policyConstraints
  '1.3.6.1.5.5.7.1.14', // proxyCertInfo
  '2.5.29.30', // nameConstraints
  '2.5.29.33', // policyMappings
  '2.5.29.54', // inhibitAnyPolicy
]);

export function factsOf(node: X509Certificate): CertificateFacts {
  const parsed = new x509.X509Certificate(node.raw);
  const basic = parsed.getExtension(x509.BasicConstraintsExtension);
  const keyUsage = parsed.getExtension(x509.KeyUsagesExtension);
  const eku = parsed.getExtension(x509.ExtendedKeyUsageExtension);
  const ski = parsed.getExtension(x509.SubjectKeyIdentifierExtension);
  const aki = parsed.getExtension(x509.AuthorityKeyIdentifierExtension);
  const selfIssued = node.subject === node.issuer;
  const subjectKeyId = ski?.keyId ?? null;
  const authorityKeyId = aki?.keyId ?? null;
  return {
    node,
    der: node.raw,
    basicConstraints: basic ? { ca: basic.ca, pathLength: basic.pathLength ?? null } : null,
    keyUsage: keyUsage ? keyUsage.usages : null,
    netscapeCertType: netscapeCertType(parsed),
    extendedKeyUsage: eku ? eku.usages.map(String) : null,
    hasSan: parsed.getExtension(x509.SubjectAlternativeNameExtension) !== null,
    subjectKeyId,
    authorityKeyId,
    selfIssued,
    selfSigned:
      selfIssued && (authorityKeyId === null || subjectKeyId === null || authorityKeyId === subjectKeyId),
    version1: parsed.extensions.length === 0,
    unhandledCritical: parsed.extensions
      .filter((extension) => extension.critical && !HANDLED_EXTENSIONS.has(extension.type))
      .map((extension) => extension.type),
  };
}

/** The nsCertType BIT STRING's first byte (DER: 03 len unused-bits data…); 0 when it has no bits. */
function netscapeCertType(parsed: x509.X509Certificate): number | null {
  const extension = parsed.extensions.find((candidate) => candidate.type === NETSCAPE_CERT_TYPE);
  if (!extension) return null;
  const bytes = new Uint8Array(extension.value);
  return bytes[0] === 0x03 && bytes[1]! >= 2 ? bytes[3]! : 0;
}

/**
 * OpenSSL's check_ca (v3_purp.c): 0 not a CA, 1 basicConstraints CA:TRUE, 3 a v1 self-signed root,
 * 4 keyUsage with keyCertSign and no basicConstraints, 5 a Netscape CA type.
 */
export function checkCa(facts: CertificateFacts): number {
  if (signingForbidden(facts)) return 0;
  if (facts.basicConstraints) return facts.basicConstraints.ca ? 1 : 0;
  if (facts.version1 && facts.selfSigned) return 3;
  if (facts.keyUsage !== null) return 4;
  if (facts.netscapeCertType !== null && (facts.netscapeCertType & NS_ANY_CA) !== 0) return 5;
  return 0;
}

/**
 * May this certificate issue others (check_chain_extensions)? Below the top only basicConstraints
 * CA:TRUE counts (OpenSSL makes X509_STRICT implicit for intermediates); at the top any CA kind.
 */
export function canIssue(facts: CertificateFacts, top: boolean): boolean {
  const kind = checkCa(facts);
  return top ? kind !== 0 : kind === 1;
}

/** keyUsage present without keyCertSign (OpenSSL's ossl_x509_signing_allowed). */
export function signingForbidden(facts: CertificateFacts): boolean {
  return facts.keyUsage !== null && (facts.keyUsage & x509.KeyUsageFlags.keyCertSign) === 0;
}

/** OpenSSL's purpose "sslserver" (check_purpose_ssl_server): EKU, then check_ssl_ca or nsCertType and keyUsage. */
export function allowsServer(facts: CertificateFacts, asCa: boolean): boolean {
  const eku = facts.extendedKeyUsage;
  if (eku !== null && !eku.some((oid) => oid === SERVER_AUTH || SERVER_GATED_CRYPTO.includes(oid)))
    return false;
  const nsType = facts.netscapeCertType;
  if (asCa) {
    const kind = checkCa(facts);
    return kind !== 0 && (kind !== 5 || (nsType! & NS_SSL_CA) !== 0);
  }
  if (nsType !== null && (nsType & NS_SSL_SERVER) === 0) return false;
  const usable =
    x509.KeyUsageFlags.digitalSignature |
    x509.KeyUsageFlags.keyEncipherment |
    x509.KeyUsageFlags.keyAgreement;
  return facts.keyUsage === null || (facts.keyUsage & usable) !== 0;
}

/** The issuer's name and key identifier fit the child (OpenSSL's "likely issued", before signatures). */
export function likelyIssued(child: CertificateFacts, issuer: CertificateFacts): boolean {
  if (child.node.issuer !== issuer.node.subject) return false;
  return (
    child.authorityKeyId === null ||
    issuer.subjectKeyId === null ||
    child.authorityKeyId === issuer.subjectKeyId
  );
}

export function signedBy(child: CertificateFacts, issuer: CertificateFacts): boolean {
  try {
    return child.node.verify(issuer.node.publicKey);
  } catch {
    return false;
  }
}
