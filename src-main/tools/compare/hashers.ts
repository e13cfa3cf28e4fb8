import type { IHasher } from 'hash-wasm';
import type { Algorithm } from '../../contract/compare.ts';

export interface Hasher {
  update(chunk: Uint8Array): void;
  /** Lower-case hex. */
  digest(): string;
}

/** OpenSSL's names; used when the runtime's crypto has them (Electron's BoringSSL lacks some). */
const nodeNames: Partial<Record<Algorithm, string>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha512: 'sha512',
  'sha3-256': 'sha3-256',
  'blake2b-512': 'blake2b512',
};

type WasmHasher = IHasher;

/** hash-wasm is loaded only when an algorithm needs it: most runs use only the runtime's crypto. */
async function wasmHasher(algorithm: Algorithm): Promise<WasmHasher> {
  const wasm = await import('hash-wasm');
  const factories: Record<Algorithm, () => Promise<WasmHasher>> = {
    md5: () => wasm.createMD5(),
    sha1: () => wasm.createSHA1(),
    sha256: () => wasm.createSHA256(),
    sha512: () => wasm.createSHA512(),
    'sha3-256': () => wasm.createSHA3(256),
    'blake2b-512': () => wasm.createBLAKE2b(512),
    blake3: () => wasm.createBLAKE3(),
    crc32: () => wasm.createCRC32(),
    xxh64: () => wasm.createXXHash64(),
  };
  return factories[algorithm]();
}

let available: Set<string> | undefined;

export async function createHasher(algorithm: Algorithm): Promise<Hasher> {
  // Loaded on first use, not with this module: a folder compare never hashes, and its workers start
  // sooner without it.
  const { createHash, getHashes } = await import('node:crypto');
  available ??= new Set(getHashes());
  const nodeName = nodeNames[algorithm];
  if (nodeName && available.has(nodeName)) {
    const hash = createHash(nodeName);
    return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('hex') };
  }
  const hash = await wasmHasher(algorithm);
  hash.init();
  return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('hex') };
}
