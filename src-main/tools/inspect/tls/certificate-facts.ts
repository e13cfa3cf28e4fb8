import type { X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

/** What path validation and the policy checks read from one certificate's extensions. */
export interface CertificateFacts {
  node: X509Certificate;
  der: Buffer;
  /** null when there is no basicConstraints extension. */
  basicConstraints: { ca: boolean; pathLength: number | null } | null;
  /** keyUsage bits (x509.KeyUsageFlags), null when absent. */
  keyUsage: number | null;
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

/** OpenSSL's X509_check_ca: may this certificate issue others? (v1 self-signed roots may, at the top.) */
export function canIssue(facts: CertificateFacts, top: boolean): boolean {
  if (facts.keyUsage !== null && (facts.keyUsage & x509.KeyUsageFlags.keyCertSign) === 0) return false;
  if (facts.basicConstraints) return facts.basicConstraints.ca;
  return top && facts.version1 && facts.selfSigned;
}

/** keyUsage present without keyCertSign (OpenSSL's ossl_x509_signing_allowed). */
export function signingForbidden(facts: CertificateFacts): boolean {
  return facts.keyUsage !== null && (facts.keyUsage & x509.KeyUsageFlags.keyCertSign) === 0;
}

/** OpenSSL's purpose "sslserver": for the leaf, EKU and keyUsage; for CAs, EKU (check_ssl_ca). */
export function allowsServer(facts: CertificateFacts, asCa: boolean, top: boolean): boolean {
  if (facts.extendedKeyUsage !== null && !facts.extendedKeyUsage.includes(SERVER_AUTH)) return false;
  if (asCa) return canIssue(facts, top);
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
