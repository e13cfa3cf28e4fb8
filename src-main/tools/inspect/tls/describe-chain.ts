import type { X509Certificate } from 'node:crypto';
import { getCACertificates } from 'node:tls';
import { X509Certificate as NodeX509 } from 'node:crypto';
import type { CertificateInfo } from '../../../contract/inspect.ts';

const DAY = 86_400_000;
export const EXPIRY_WARNING_DAYS = 30;

function field(distinguishedName: string, key: string): string | null {
  return new RegExp(`^${key}=(.*)$`, 'm').exec(distinguishedName)?.[1] ?? null;
}

/** Let's Encrypt's issuers by their own name and intermediate: "Let's Encrypt (R11)". */
export function issuerName(issuer: string): string {
  const organisation = field(issuer, 'O');
  const common = field(issuer, 'CN');
  if (organisation === "Let's Encrypt" || organisation === 'Internet Security Research Group')
    return `Let's Encrypt (${common ?? 'unknown'})`;
  return common ?? organisation ?? issuer.split('\n')[0] ?? '';
}

export function describeCertificate(certificate: X509Certificate, now = Date.now()): CertificateInfo {
  const notBefore = certificate.validFromDate.getTime();
  const notAfter = certificate.validToDate.getTime();
  // Whole days, toward zero: expired 70.2 days ago reads -70, 18.9 days left reads 18.
  const daysLeft = Math.trunc((notAfter - now) / DAY);
  const status: CertificateInfo['status'] =
    now < notBefore
      ? 'not-yet-valid'
      : now > notAfter
        ? 'expired'
        : daysLeft < EXPIRY_WARNING_DAYS
          ? 'expiring'
          : 'valid';
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keySize = details.modulusLength
    ? `${details.modulusLength} bits`
    : details.namedCurve
      ? details.namedCurve
      : key.asymmetricKeyType === 'ed25519'
        ? '256 bits'
        : 'unknown';
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    commonName: field(certificate.subject, 'CN'),
    sans: (certificate.subjectAltName ?? '').split(', ').filter(Boolean),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    issuerName: issuerName(certificate.issuer),
    notBefore: certificate.validFromDate.toISOString(),
    notAfter: certificate.validToDate.toISOString(),
    daysLeft,
    status,
    keyType: (key.asymmetricKeyType ?? 'unknown').toUpperCase(),
    keySize,
    signatureAlgorithm: certificate.signatureAlgorithm ?? 'unknown',
    sha256: certificate.fingerprint256,
    isCA: certificate.ca,
  };
}

let systemRoots: NodeX509[] | undefined;

/** The operating system's trusted roots (Node 22.15+ reads them), with Node's bundled ones as a fallback. */
function trustedRoots(): NodeX509[] {
  if (!systemRoots) {
    let pems: string[];
    try {
      pems = getCACertificates('system');
    } catch {
      pems = getCACertificates('default');
    }
    systemRoots = pems.flatMap((pem) => {
      try {
        return [new NodeX509(pem)];
      } catch {
        return [];
      }
    });
  }
  return systemRoots;
}

/**
 * Whether the chain verifies: each certificate signed by the next, the last issued by a trusted root
 * (the system's, plus any extra anchors given), and every one within its validity.
 */
export function verifyChain(
  chain: X509Certificate[],
  extraAnchors: X509Certificate[] = [],
  now = Date.now(),
): { verified: boolean; message: string } {
  if (chain.length === 0) return { verified: false, message: 'No certificate to verify.' };
  for (let i = 0; i + 1 < chain.length; i++) {
    const [child, parent] = [chain[i]!, chain[i + 1]!];
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      return {
        verified: false,
        message: `Certificate ${i + 1} is not signed by certificate ${i + 2}: the chain is out of order or broken.`,
      };
    }
  }
  for (const [position, certificate] of chain.entries()) {
    if (now < certificate.validFromDate.getTime() || now > certificate.validToDate.getTime()) {
      return {
        verified: false,
        message: `Certificate ${position + 1} (${describeCertificate(certificate, now).commonName ?? 'unnamed'}) is outside its validity period.`,
      };
    }
  }
  const last = chain[chain.length - 1]!;
  const anchors = [...extraAnchors, ...trustedRoots()];
  const anchor = anchors.find(
    (root) =>
      root.fingerprint256 === last.fingerprint256 || (last.checkIssued(root) && last.verify(root.publicKey)),
  );
  if (!anchor) {
    const selfSigned = last.checkIssued(last) && last.verify(last.publicKey);
    return {
      verified: false,
      message: selfSigned
        ? `The chain ends in a self-signed certificate (${issuerName(last.subject)}) that is not among the trusted roots.`
        : `No trusted root issued ${issuerName(last.issuer) ? `the last certificate (issuer: ${issuerName(last.issuer)})` : 'the last certificate'}; an intermediate may be missing.`,
    };
  }
  const fromExtra = extraAnchors.includes(anchor);
  return {
    verified: true,
    message: `The chain verifies up to ${issuerName(anchor.subject)}${fromExtra ? ' (from the extra CA file)' : ', a root the system trusts'}.`,
  };
}
