/**
 * X509_V_ERR numbers and texts exactly as OpenSSL 3 prints them (`openssl verify`, `s_client`), each with
 * the suite's own words for someone who does not know X.509.
 */
export const OPENSSL_ERRORS = {
  1: [
    'unspecified certificate verification error',
    'The chain failed a check that has no more specific name.',
  ],
  2: [
    'unable to get issuer certificate',
    'The top certificate is trusted but its own issuer is not among the trusted roots.',
  ],
  7: ['certificate signature failure', 'The signature does not match the issuer’s key: forged or corrupted.'],
  9: ['certificate is not yet valid', 'Its validity period has not started yet (or the clock is wrong).'],
  10: ['certificate has expired', 'Its validity period is over.'],
  18: ['self-signed certificate', 'The server certificate signs itself and is not among the trusted roots.'],
  19: [
    'self-signed certificate in certificate chain',
    'The chain ends in a root that is not among the trusted roots.',
  ],
  20: [
    'unable to get local issuer certificate',
    'No trusted root or given intermediate issued this certificate: an intermediate is missing or the root is not trusted.',
  ],
  21: [
    'unable to verify the first certificate',
    'The server certificate’s issuer is not known, so its signature cannot be checked.',
  ],
  25: [
    'path length constraint exceeded',
    'A CA allows fewer CAs below it (pathLenConstraint) than this chain has.',
  ],
  26: [
    'unsuitable certificate purpose',
    'Its key usage or extended key usage does not allow a TLS server (serverAuth).',
  ],
  28: [
    'certificate rejected',
    'A trusted root’s own trust settings (a TRUSTED CERTIFICATE) reject or do not include TLS server use.',
  ],
  32: [
    'key usage does not include certificate signing',
    'This issuer’s keyUsage lacks keyCertSign: it may not sign certificates.',
  ],
  34: [
    'unhandled critical extension',
    'It has an extension marked critical that OpenSSL does not understand, so it must be refused.',
  ],
  47: ['permitted subtree violation', 'A name is outside the names a CA’s name constraints permit.'],
  48: ['excluded subtree violation', 'A name is one that a CA’s name constraints exclude.'],
  49: [
    'name constraints minimum and maximum not supported',
    'A CA’s name constraints use minimum or maximum, which OpenSSL refuses.',
  ],
  51: ['unsupported name constraint type', 'A CA constrains a kind of name OpenSSL cannot check.'],
  53: ['unsupported or invalid name syntax', 'A name could not be checked against a CA’s name constraints.'],
  62: ['hostname mismatch', 'The certificate is not for this host name.'],
  64: ['IP address mismatch', 'The certificate is not for this IP address.'],
  66: [
    'EE certificate key too weak',
    'The server certificate’s key is below the security level TLS clients apply (RSA under 2048 bits at level 2).',
  ],
  67: ['CA certificate key too weak', 'An issuer’s key is below the security level TLS clients apply.'],
  68: [
    'CA signature digest algorithm too weak',
    'A certificate is signed with a digest TLS clients no longer accept (SHA-1, MD5).',
  ],
  79: [
    'invalid CA certificate',
    'A certificate used as an issuer is not a CA (basicConstraints CA:FALSE or missing, or keyUsage without keyCertSign).',
  ],
} as const satisfies Record<number, readonly [string, string]>;

export type OpensslErrorCode = keyof typeof OPENSSL_ERRORS;
