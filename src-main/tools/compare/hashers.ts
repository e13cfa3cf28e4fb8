import { createHash, getHashes } from 'node:crypto';
import {
  createBLAKE2b,
  createBLAKE3,
  createCRC32,
  createMD5,
  createSHA1,
  createSHA256,
  createSHA3,
} from 'hash-wasm';
import { createSHA512, createXXHash64 } from 'hash-wasm';
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

const wasmFactories: Record<Algorithm, () => ReturnType<typeof createMD5>> = {
  md5: () => createMD5(),
  sha1: () => createSHA1(),
  sha256: () => createSHA256(),
  sha512: () => createSHA512(),
  'sha3-256': () => createSHA3(256),
  'blake2b-512': () => createBLAKE2b(512),
  blake3: () => createBLAKE3(),
  crc32: () => createCRC32(),
  xxh64: () => createXXHash64(),
};

let available: Set<string> | undefined;

export async function createHasher(algorithm: Algorithm): Promise<Hasher> {
  available ??= new Set(getHashes());
  const nodeName = nodeNames[algorithm];
  if (nodeName && available.has(nodeName)) {
    const hash = createHash(nodeName);
    return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('hex') };
  }
  const hash = await wasmFactories[algorithm]();
  hash.init();
  return { update: (chunk) => hash.update(chunk), digest: () => hash.digest('hex') };
}
