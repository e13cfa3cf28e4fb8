import { createDecipheriv, createHmac } from 'node:crypto';

/**
 * The Certificate message the server sent, read from the raw bytes of the handshake: in the clear for
 * TLS 1.2 and older; for TLS 1.3 decrypted with the server handshake traffic secret that Node's
 * 'keylog' event gives the client (RFC 8446 7.1 and 7.3). Node's getPeerCertificate(true) cannot
 * serve: it re-orders the list by issuer, drops certificates that link to nothing, and adds a root
 * from the trust store.
 */

interface TlsRecord {
  type: number;
  header: Buffer;
  body: Buffer;
}

function* records(data: Buffer): Generator<TlsRecord> {
  let offset = 0;
  while (offset + 5 <= data.length) {
    const length = data.readUInt16BE(offset + 3);
    if (offset + 5 + length > data.length) return;
    yield {
      type: data[offset]!,
      header: data.subarray(offset, offset + 5),
      body: data.subarray(offset + 5, offset + 5 + length),
    };
    offset += 5 + length;
  }
}

function hkdfExpandLabel(hash: string, secret: Buffer, label: string, length: number): Buffer {
  const fullLabel = Buffer.from(`tls13 ${label}`);
  const info = Buffer.concat([
    Buffer.from([length >> 8, length & 0xff, fullLabel.length]),
    fullLabel,
    Buffer.from([0]),
  ]);
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let counter = 1; Buffer.concat(blocks).length < length; counter++) {
    previous = createHmac(hash, secret)
      .update(Buffer.concat([previous, info, Buffer.from([counter])]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

const SUITES: Record<string, { cipher: string; keyLength: number; hash: string }> = {
  TLS_AES_128_GCM_SHA256: { cipher: 'aes-128-gcm', keyLength: 16, hash: 'sha256' },
  TLS_AES_256_GCM_SHA384: { cipher: 'aes-256-gcm', keyLength: 32, hash: 'sha384' },
  TLS_CHACHA20_POLY1305_SHA256: { cipher: 'chacha20-poly1305', keyLength: 32, hash: 'sha256' },
};

/** The handshake bytes of the server's encrypted TLS 1.3 flight, until a record does not decrypt. */
function decryptTls13(data: Buffer, suiteName: string, secret: Buffer): Buffer {
  const suite = SUITES[suiteName];
  if (!suite) return Buffer.alloc(0);
  const key = hkdfExpandLabel(suite.hash, secret, 'key', suite.keyLength);
  const iv = hkdfExpandLabel(suite.hash, secret, 'iv', 12);
  const handshake: Buffer[] = [];
  let sequence = 0n;
  for (const record of records(data)) {
    if (record.type !== 23) continue;
    const nonce = Buffer.from(iv);
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(sequence++);
    for (let i = 0; i < 8; i++) nonce[4 + i]! ^= counter[i]!;
    const decipher = createDecipheriv(suite.cipher as 'aes-128-gcm', key, nonce, { authTagLength: 16 });
    decipher.setAAD(record.header);
    decipher.setAuthTag(record.body.subarray(record.body.length - 16));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(record.body.subarray(0, record.body.length - 16)),
        decipher.final(),
      ]);
    } catch {
      break; // application data keys from here on
    }
    let end = plain.length;
    while (end > 0 && plain[end - 1] === 0) end--;
    if (plain[end - 1] === 22) handshake.push(plain.subarray(0, end - 1));
  }
  return Buffer.concat(handshake);
}

/** The certificates of the first Certificate message (type 11) in a handshake byte stream. */
function certificatesIn(handshake: Buffer, tls13: boolean): Buffer[] | null {
  let offset = 0;
  while (offset + 4 <= handshake.length) {
    const type = handshake[offset]!;
    const length = handshake.readUIntBE(offset + 1, 3);
    const body = handshake.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    if (type !== 11) continue;
    let at = 0;
    if (tls13) at += 1 + body[0]!; // certificate_request_context
    const listEnd = at + 3 + body.readUIntBE(at, 3);
    at += 3;
    const certificates: Buffer[] = [];
    while (at + 3 <= listEnd) {
      const size = body.readUIntBE(at, 3);
      certificates.push(Buffer.from(body.subarray(at + 3, at + 3 + size)));
      at += 3 + size;
      if (tls13) at += 2 + body.readUInt16BE(at); // per-certificate extensions
    }
    return certificates;
  }
  return null;
}

/** The DER certificates in the order the server sent them, or null when they cannot be read. */
export function sentCertificates(
  fromServer: Buffer,
  protocol: string | null,
  suite: string | undefined,
  handshakeSecret: Buffer | undefined,
): Buffer[] | null {
  if (protocol === 'TLSv1.3') {
    if (!suite || !handshakeSecret) return null;
    return certificatesIn(decryptTls13(fromServer, suite, handshakeSecret), true);
  }
  const handshake: Buffer[] = [];
  for (const record of records(fromServer)) {
    if (record.type === 20) break; // ChangeCipherSpec: the rest is encrypted
    if (record.type === 22) handshake.push(record.body);
  }
  return certificatesIn(Buffer.concat(handshake), false);
}
