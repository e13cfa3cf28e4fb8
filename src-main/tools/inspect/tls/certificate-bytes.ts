/** Certificates from bytes: PEM, DER and PKCS#7 told apart, and everything else refused in one line. */
import { X509Certificate } from 'node:crypto';
import { open } from 'node:fs/promises';
import { X509Certificates } from '@peculiar/x509';
import { SuiteError, fileError } from '../../../core/suite-error.ts';
import { recordTrustSettings } from './trust-settings.ts';

/** Certificate files are kilobytes; a PEM bundle of every public root is about 250 KB. */
const MAX_BYTES = 10 * 1024 * 1024;

function badInput(message: string): SuiteError {
  return new SuiteError('BAD_INPUT', message);
}

function certificateFromDer(der: Buffer, what: string): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw badInput(`${what} is not a readable certificate (truncated or corrupt DER).`);
  }
}

/** Strict base64: Node's decoder skips stray characters silently, OpenSSL does not. */
export function decodeBase64(text: string, what: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0)
    throw badInput(`${what} has bad base64 (a character outside the alphabet, or cut short).`);
  return Buffer.from(compact, 'base64');
}

/** A PKCS#12 file: SEQUENCE { INTEGER 3, ContentInfo }. */
function looksLikePkcs12(bytes: Buffer): boolean {
  if (bytes[0] !== 0x30) return false;
  const lengthBytes = (bytes[1] ?? 0) & 0x80 ? (bytes[1]! & 0x7f) + 2 : 2;
  return bytes[lengthBytes] === 0x02 && bytes[lengthBytes + 1] === 0x01 && bytes[lengthBytes + 2] === 0x03;
}

function fromPkcs7(data: string | Buffer, what: string): X509Certificate[] {
  const bundle = new X509Certificates();
  try {
    bundle.import(typeof data === 'string' ? data : new Uint8Array(data));
  } catch {
    throw badInput(`${what} is not a readable PKCS#7 bundle.`);
  }
  if (bundle.length === 0) throw badInput(`${what} is a PKCS#7 bundle with no certificate in it.`);
  return bundle.map((certificate) => new X509Certificate(Buffer.from(certificate.rawData)));
}

/**
 * The PEM blocks of a text, label and body, in one pass: each BEGIN is closed by the next END or the
 * text is refused (a regular expression looking for a matching END after every BEGIN takes minutes on
 * a file of nothing but BEGIN lines).
 */
function pemBlocks(text: string, what: string): [label: string, body: string][] {
  const blocks: [string, string][] = [];
  let at = text.indexOf('-----BEGIN ');
  while (at !== -1) {
    const labelEnd = text.indexOf('-----', at + 11);
    const end = labelEnd === -1 ? -1 : text.indexOf('-----END ', labelEnd + 5);
    if (end === -1) throw badInput(`${what} has a PEM block that never ends (truncated).`);
    const label = text.slice(at + 11, labelEnd);
    if (!text.startsWith(`-----END ${label}-----`, end))
      throw badInput(`${what} has a PEM block whose END line does not match its BEGIN line.`);
    blocks.push([label, text.slice(labelEnd + 5, end)]);
    at = text.indexOf('-----BEGIN ', end + 14 + label.length);
  }
  return blocks;
}

/** PEM (one or many certificates), PKCS#7 (PEM or DER) or one DER certificate; anything else refused. */
export function certificatesFromBytes(
  bytes: Buffer,
  what: string,
): { format: string; certificates: X509Certificate[] } {
  if (bytes.length === 0) throw badInput(`${what} is empty.`);
  const text = bytes.toString('latin1');
  const blocks = pemBlocks(text, what);
  if (blocks.length > 0) {
    const certificates: X509Certificate[] = [];
    for (const [kind, body] of blocks) {
      if (kind === 'CERTIFICATE' || kind === 'TRUSTED CERTIFICATE') {
        const which = `${what} (certificate ${certificates.length + 1})`;
        const der = decodeBase64(body, which);
        const certificate = certificateFromDer(der, which);
        if (
          kind === 'TRUSTED CERTIFICATE' &&
          !recordTrustSettings(certificate, der.subarray(certificate.raw.length))
        )
          throw badInput(`${which} has trust settings after the certificate that cannot be read.`);
        certificates.push(certificate);
      } else if (kind === 'PKCS7') {
        certificates.push(...fromPkcs7(decodeBase64(body, what), what));
      }
    }
    if (certificates.length > 0)
      return { format: blocks[0]![0] === 'PKCS7' ? 'PKCS#7 (PEM)' : 'PEM', certificates };
    const kinds = blocks.map((block) => block[0]);
    if (kinds.some((kind) => kind.includes('PRIVATE KEY')))
      throw badInput(`${what} holds a private key, not a certificate.`);
    if (kinds.some((kind) => kind.includes('REQUEST')))
      throw badInput(`${what} is a certificate request, not a certificate.`);
    throw badInput(`${what} holds a PEM ${kinds[0]}, not a certificate.`);
  }
  if (looksLikePkcs12(bytes))
    throw badInput(
      `${what} is a PKCS#12 (.p12/.pfx) bundle: export its certificates first (openssl pkcs12 -in FILE -nokeys -out chain.pem).`,
    );
  try {
    return { format: 'DER', certificates: [new X509Certificate(bytes)] };
  } catch {
    try {
      return { format: 'PKCS#7 (DER)', certificates: fromPkcs7(bytes, what) };
    } catch {
      throw badInput(`${what} is not a certificate (PEM, DER or PKCS#7) nor a Kubernetes TLS Secret.`);
    }
  }
}

/** Reads at most MAX_BYTES: a huge file is refused before it is read. */
export async function readBounded(path: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size > MAX_BYTES)
      throw badInput(`${path} is ${(size / 1024 / 1024).toFixed(0)} MB: too large for a certificate file.`);
    return await handle.readFile();
  } catch (error) {
    throw fileError(error, path);
  } finally {
    await handle?.close();
  }
}
