import type { X509Certificate } from 'node:crypto';
import { getCACertificates } from 'node:tls';
import { X509Certificate as NodeX509 } from 'node:crypto';
import type { CertificateInfo } from '../../../contract/inspect.ts';
import { dueForRenewal } from './renewal.ts';
import type { RenewThreshold } from './renewal.ts';

const DAY = 86_400_000;

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

export function describeCertificate(
  certificate: X509Certificate,
  now: number,
  renew?: RenewThreshold,
): CertificateInfo {
  const notBefore = certificate.validFromDate.getTime();
  const notAfter = certificate.validToDate.getTime();
  // Whole days, toward zero: expired 70.2 days ago reads -70, 18.9 days left reads 18.
  const daysLeft = Math.trunc((notAfter - now) / DAY);
  const lifetime = notAfter - notBefore;
  const shareLeft = lifetime > 0 ? Math.min(1, Math.max(0, (notAfter - now) / lifetime)) : 0;
  const status: CertificateInfo['status'] =
    now < notBefore
      ? 'not-yet-valid'
      : now > notAfter
        ? 'expired'
        : dueForRenewal(notBefore, notAfter, now, renew)
          ? 'renew-soon'
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
    lifetimeDays: Math.round(lifetime / DAY),
    shareLeft: Math.round(shareLeft * 1000) / 1000,
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
export function systemTrustedRoots(): NodeX509[] {
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
