import type { X509Certificate } from 'node:crypto';

/**
 * OpenSSL's security levels (SSL_CTX_set_security_level) as a TLS client applies them to the
 * server's chain (check_auth_level): keys and signature digests must reach these bits. Debian,
 * Ubuntu and RHEL configure level 2, so that is what `openssl s_client` applies there.
 */
export const CLIENT_SECURITY_LEVEL = 2;
const MINIMUM_BITS = [0, 80, 112, 128, 192, 256];

/** The size of each named curve's field, in bits (OpenSSL's names). */
export const CURVE_BITS: Record<string, number> = {
  prime192v1: 192,
  secp192r1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
};

/** EVP_PKEY_get_security_bits: RSA and DSA by modulus (BN_security_bits), EC half the curve. */
function keyBits(certificate: X509Certificate): number | null {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
    case 'dsa': {
      const size = details.modulusLength ?? 0;
      return size >= 15360
        ? 256
        : size >= 7680
          ? 192
          : size >= 3072
            ? 128
            : size >= 2048
              ? 112
              : size >= 1024
                ? 80
                : 0;
    }
    case 'ec': {
      const bits = CURVE_BITS[details.namedCurve ?? ''];
      return bits === undefined ? null : Math.floor(bits / 2);
    }
    case 'ed25519':
      return 128;
    case 'ed448':
      return 224;
    default:
      return null;
  }
}

/** X509_get_signature_info's bits: half the digest, SHA-1 63 and MD5 39 since OpenSSL 3.0. */
function signatureBits(certificate: X509Certificate): number | null {
  const algorithm = (certificate.signatureAlgorithm ?? '').toLowerCase();
  if (algorithm.includes('md5')) return 39;
  if (/sha1(?!\d)/.test(algorithm)) return 63;
  if (algorithm.includes('sha224')) return 112;
  if (algorithm.includes('sha256')) return 128;
  if (algorithm.includes('sha384')) return 192;
  if (algorithm.includes('sha512')) return 256;
  if (algorithm === 'ed25519') return 128;
  if (algorithm === 'ed448') return 224;
  return null; // unknown (RSA-PSS parameters): OpenSSL lets it pass too
}

const below = (bits: number | null, level: number) => bits !== null && bits < MINIMUM_BITS[level]!;

/** The leaf's key is too weak (X509_V_ERR_EE_KEY_TOO_SMALL, 66). */
export function leafKeyTooWeak(leaf: X509Certificate, level: number): boolean {
  return level > 0 && below(keyBits(leaf), level);
}

/** An issuer's key (67) or a non-anchor's signature digest (68) is too weak. */
export function issuerKeyTooWeak(issuer: X509Certificate, level: number): boolean {
  return level > 0 && below(keyBits(issuer), level);
}

export function digestTooWeak(certificate: X509Certificate, level: number): boolean {
  return level > 0 && below(signatureBits(certificate), level);
}
