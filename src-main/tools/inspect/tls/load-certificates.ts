import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:tls';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { X509Certificates } from '@peculiar/x509';
import { parse as parseYaml } from 'yaml';
import { SuiteError, fileError } from '../../../core/suite-error.ts';

export interface Loaded {
  source: 'file' | 'kubernetes-secret' | 'host';
  format: string;
  certificates: X509Certificate[];
  /** The host name to check the leaf against, for a live host. */
  hostname: string | null;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** PEM (one or many), PKCS#7 (.p7b, PEM or DER) or a single DER certificate. */
function fromBytes(bytes: Buffer, what: string): { format: string; certificates: X509Certificate[] } {
  const text = bytes.toString('latin1');
  const pems = text.match(PEM_BLOCK);
  if (pems) return { format: 'PEM', certificates: pems.map((pem) => new X509Certificate(pem)) };
  if (text.includes('-----BEGIN PKCS7-----') || text.includes('-----BEGIN CERTIFICATE REQUEST')) {
    if (text.includes('REQUEST'))
      throw new SuiteError('BAD_INPUT', `${what} is a certificate request, not a certificate.`);
    return { format: 'PKCS#7 (PEM)', certificates: fromPkcs7(text, what) };
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
    throw new SuiteError('BAD_INPUT', `${what} holds a private key, not a certificate.`);
  try {
    return { format: 'DER', certificates: [new X509Certificate(bytes)] };
  } catch {
    try {
      return { format: 'PKCS#7 (DER)', certificates: fromPkcs7(bytes, what) };
    } catch {
      throw new SuiteError(
        'BAD_INPUT',
        `${what} is not a certificate (PEM, DER or PKCS#7) nor a Kubernetes TLS Secret.`,
      );
    }
  }
}

function fromPkcs7(data: string | Buffer, what: string): X509Certificate[] {
  const bundle = new X509Certificates();
  bundle.import(typeof data === 'string' ? data : new Uint8Array(data));
  if (bundle.length === 0)
    throw new SuiteError('BAD_INPUT', `${what} is a PKCS#7 bundle with no certificate in it.`);
  return bundle.map((certificate) => new X509Certificate(Buffer.from(certificate.rawData)));
}

/** A Kubernetes TLS Secret (YAML or JSON): its data."tls.crt" (base64) or stringData."tls.crt". */
function fromKubernetesSecret(
  text: string,
  what: string,
): { format: string; certificates: X509Certificate[] } | null {
  let documents: unknown[];
  try {
    documents = text.trimStart().startsWith('{') ? [JSON.parse(text)] : parseAllYaml(text);
  } catch {
    return null;
  }
  for (const document of documents) {
    const secret = document as {
      kind?: string;
      data?: Record<string, string>;
      stringData?: Record<string, string>;
    } | null;
    if (secret?.kind !== 'Secret') continue;
    const encoded = secret.data?.['tls.crt'];
    const plain = secret.stringData?.['tls.crt'];
    if (!encoded && !plain)
      throw new SuiteError('BAD_INPUT', `${what} is a Kubernetes Secret without tls.crt.`);
    const bytes = plain ? Buffer.from(plain) : Buffer.from(encoded!, 'base64');
    return {
      format: 'Kubernetes TLS Secret',
      certificates: fromBytes(bytes, `${what} (tls.crt)`).certificates,
    };
  }
  return null;
}

function parseAllYaml(text: string): unknown[] {
  return text.split(/^---\s*$/m).map((part) => parseYaml(part) as unknown);
}

export async function loadFile(path: string): Promise<Loaded> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileError(error, path);
  }
  const text = bytes.toString('utf8');
  const secret = /\bkind\s*["']?\s*:\s*["']?Secret/.test(text) ? fromKubernetesSecret(text, path) : null;
  if (secret) return { source: 'kubernetes-secret', ...secret, hostname: null };
  return { source: 'file', ...fromBytes(bytes, path), hostname: null };
}

/** host:port, [v6]:port, or a bare host (port 443). */
export function parseHostPort(target: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9a-fA-F:]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(target.trim());
  if (!match) return null;
  const port = Number(match[3] ?? 443);
  if (port < 1 || port > 65535) throw new SuiteError('BAD_INPUT', `${match[3]} is not a port (1 to 65535).`);
  return { host: match[1] ?? match[2]!, port };
}

/** Connects with SNI and takes the chain the server sends; trust is judged afterwards, not here. */
export function loadFromHost(host: string, port: number, timeoutMs: number): Promise<Loaded> {
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connect({
      host,
      port,
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new SuiteError(
          'TIMEOUT',
          `${host}:${port} did not complete a TLS handshake within ${timeoutMs / 1000} s.`,
        ),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificates: X509Certificate[] = [];
      let peer: PeerCertificate | null = socket.getPeerCertificate(true);
      const seen = new Set<string>();
      while (peer?.raw && !seen.has(peer.fingerprint256)) {
        seen.add(peer.fingerprint256);
        certificates.push(new X509Certificate(peer.raw));
        peer = (peer as PeerCertificate & { issuerCertificate?: PeerCertificate }).issuerCertificate ?? null;
      }
      socket.end();
      resolve({
        source: 'host',
        format: `TLS ${socket.getProtocol() ?? ''}`.trim(),
        certificates,
        hostname: host,
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason =
        error.code === 'ECONNREFUSED'
          ? 'refused the connection (nothing listens on that port)'
          : error.code === 'ENOTFOUND'
            ? 'is not a known host name'
            : error.code === 'ECONNRESET'
              ? 'closed the connection during the handshake'
              : error.message;
      reject(new SuiteError('FAILED', `${host}:${port} ${reason}.`));
    });
  });
}
