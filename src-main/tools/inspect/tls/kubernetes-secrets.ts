import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import { SuiteError } from '../../../core/suite-error.ts';
import { certificatesFromBytes, decodeBase64 } from './certificate-bytes.ts';
import type { LoadedChain } from './load-certificates.ts';

interface SecretDocument {
  kind?: unknown;
  type?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
  data?: Record<string, unknown>;
  stringData?: Record<string, unknown>;
  items?: unknown[];
}

function documentsOf(text: string): SecretDocument[] | null {
  try {
    if (text.trimStart().startsWith('{')) return [JSON.parse(text) as SecretDocument];
    return parseAllDocuments(text).map((document) => {
      if (document.errors.length > 0) throw document.errors[0]!;
      return document.toJS() as SecretDocument;
    });
  } catch {
    return null;
  }
}

/** A key of the Secret as bytes: data (base64) or stringData (text). */
function entry(secret: SecretDocument, key: string, what: string): Buffer | null {
  const plain = secret.stringData?.[key];
  if (typeof plain === 'string') return Buffer.from(plain);
  const encoded = secret.data?.[key];
  if (typeof encoded === 'string' && encoded.trim() !== '') return decodeBase64(encoded, `${what} ${key}`);
  return null;
}

/** Whether tls.key is the private half of the leaf's public key (RSA, EC, Ed25519 alike: SPKI bytes). */
export function keyMatches(
  keyPem: Buffer,
  leaf: X509Certificate,
  what: string,
): { matches: boolean; readable: boolean; message: string } {
  let publicDer: Buffer;
  try {
    publicDer = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
  } catch {
    return {
      matches: false,
      readable: false,
      message: `${what} tls.key is not a readable private key (or it is encrypted).`,
    };
  }
  const matches = publicDer.equals(leaf.publicKey.export({ type: 'spki', format: 'der' }));
  return {
    matches,
    readable: true,
    message: matches
      ? 'tls.key is the private key of the certificate.'
      : 'tls.key does NOT belong to tls.crt: the server cannot use this pair.',
  };
}

/**
 * A Secret, several Secrets in one YAML stream, or `kind: List` (kubectl get secret -o yaml for a
 * selector): one chain per TLS Secret (one with tls.crt), each with its ca.crt and tls.key. Returns
 * null when the text is no Kubernetes document at all.
 */
export function kubernetesChains(text: string, path: string): LoadedChain[] | null {
  const documents = documentsOf(text);
  if (!documents) return null;
  const secrets = documents.flatMap((document) =>
    document?.kind === 'List' && Array.isArray(document.items)
      ? (document.items as SecretDocument[])
      : [document],
  );
  const found = secrets.filter((secret) => secret?.kind === 'Secret');
  if (found.length === 0) return null;
  const chains = found.flatMap((secret): LoadedChain[] => {
    const name = [secret.metadata?.namespace, secret.metadata?.name]
      .filter((part) => typeof part === 'string')
      .join('/');
    const what = `${path} (Secret ${name || 'unnamed'})`;
    const certificate = entry(secret, 'tls.crt', what);
    if (!certificate) return [];
    const { format, certificates } = certificatesFromBytes(certificate, `${what} tls.crt`);
    const ca = entry(secret, 'ca.crt', what);
    const key = entry(secret, 'tls.key', what);
    return [
      {
        name: name || path,
        source: 'kubernetes-secret',
        format: `Kubernetes TLS Secret (${format})`,
        certificates,
        anchors: ca ? certificatesFromBytes(ca, `${what} ca.crt`).certificates : [],
        key: key ? keyMatches(key, certificates[0]!, what) : null,
      },
    ];
  });
  if (chains.length === 0)
    throw new SuiteError(
      'BAD_INPUT',
      `${path} holds ${found.length === 1 ? 'a Secret' : 'Secrets'} without tls.crt.`,
    );
  return chains;
}
