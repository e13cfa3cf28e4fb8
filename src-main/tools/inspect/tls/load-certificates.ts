import type { X509Certificate } from 'node:crypto';
import { certificatesFromBytes, readBounded } from './certificate-bytes.ts';
import { kubernetesChains } from './kubernetes-secrets.ts';

/** One chain to check: a file's certificates, or one Secret of a Kubernetes List. */
export interface LoadedChain {
  name: string;
  source: 'file' | 'kubernetes-secret';
  format: string;
  certificates: X509Certificate[];
  /** The Secret's ca.crt: trust anchors for this chain only. */
  anchors: X509Certificate[];
  /** The Secret's tls.key against the leaf; null without a key. */
  key: { matches: boolean; readable: boolean; message: string } | null;
}

export async function loadFile(path: string): Promise<LoadedChain[]> {
  const bytes = await readBounded(path);
  const text = bytes.toString('utf8');
  if (/\bkind\s*["']?\s*:\s*["']?(Secret|List)\b/.test(text)) {
    const chains = kubernetesChains(text, path);
    if (chains) return chains;
  }
  return [{ name: path, source: 'file', ...certificatesFromBytes(bytes, path), anchors: [], key: null }];
}

/** PEM roots to trust besides the system's. */
export async function loadAnchors(path: string): Promise<X509Certificate[]> {
  const { certificates } = certificatesFromBytes(await readBounded(path), path);
  return certificates;
}
