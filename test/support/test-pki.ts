import { execFile } from 'node:child_process';
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const execFileAsync = promisify(execFile);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface Issued {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
  pem: string;
  keyPem: string;
}

async function keyPem(keys: CryptoKeyPair): Promise<string> {
  const pkcs8 = Buffer.from(
    await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as webcrypto.CryptoKey),
  );
  return `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

/** A certificate made at test time: a CA when no issuer is given, else signed by the issuer. */
export async function issue(options: {
  name: string;
  issuer?: Issued;
  ca?: boolean;
  dns?: string[];
  ips?: string[];
  from?: number;
  days?: number;
}): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as unknown as CryptoKeyPair;
  const from = options.from ?? Date.now() - DAY;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca ?? false, undefined, true),
    new x509.KeyUsagesExtension(
      options.ca
        ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
        : x509.KeyUsageFlags.digitalSignature,
      true,
    ),
  ];
  if (options.dns || options.ips) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension([
        ...(options.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
        ...(options.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
      ]),
    );
  }
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: Date.now().toString(16) + Math.floor(Math.random() * 1e6).toString(16),
    subject: `CN=${options.name}, O=Suite Test`,
    issuer: options.issuer ? options.issuer.certificate.subject : `CN=${options.name}, O=Suite Test`,
    notBefore: new Date(from),
    notAfter: new Date(from + (options.days ?? 90) * DAY),
    signingAlgorithm: algorithm,
    publicKey: keys.publicKey,
    signingKey: (options.issuer?.keys ?? keys).privateKey,
    extensions,
  });
  return { certificate, keys, pem: `${certificate.toString('pem').trimEnd()}\n`, keyPem: await keyPem(keys) };
}

export const DAYS = DAY;

/** Key types the OpenSSL-made corpus uses. */
export type KeyKind = 'rsa2048' | 'rsa1024' | 'ec256' | 'ec384' | 'ec224' | 'ed25519';

export interface OpensslSpec {
  name: string;
  key?: KeyKind;
  /** Signed by this certificate's key; self-signed when absent. */
  issuer?: Made;
  /** basicConstraints: true = CA:TRUE, false = CA:FALSE, undefined = no extension at all (v1 when nothing else). */
  ca?: boolean;
  pathlen?: number;
  /** keyUsage value as openssl writes it, e.g. "critical,keyCertSign,cRLSign"; null for none. */
  keyUsage?: string | null;
  extendedKeyUsage?: string;
  /** subjectAltName value, e.g. "DNS:localhost,IP:127.0.0.1"; null for none. */
  san?: string | null;
  nameConstraints?: string;
  /** Validity start relative to now, in days (negative: in the past). */
  fromDays?: number;
  days?: number;
  digest?: 'sha256' | 'sha1' | 'md5' | 'sha384';
  /** No extensions at all: an X.509 v1 certificate. */
  v1?: boolean;
  /** Leave out the authority key identifier, so only the issuer name links the certificate to its issuer. */
  noAuthorityKeyId?: boolean;
  /** Leave out basicConstraints even for a CA (keyUsage alone). */
  noBasicConstraints?: boolean;
  /** One more extension line as openssl's config writes it, e.g. "1.2.3.4=critical,ASN1:UTF8String:x". */
  extraExtension?: string;
  /** An emailAddress attribute in the subject DN. */
  subjectEmail?: string;
  /** Use this certificate's key instead of a new one (two certificates of one CA key). */
  keyOf?: Made;
}

export interface Made {
  name: string;
  key: KeyKind;
  v1: boolean;
  certFile: string;
  keyFile: string;
  pem: string;
  keyPem: string;
}

const opensslDate = (time: number) =>
  new Date(time)
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');

function keyArgs(kind: KeyKind): string[] {
  switch (kind) {
    case 'rsa2048':
      return ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
    case 'rsa1024':
      return ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'];
    case 'ec256':
      return ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
    case 'ec384':
      return ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'];
    case 'ec224':
      return ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-224'];
    case 'ed25519':
      return ['-algorithm', 'ED25519'];
  }
}

/**
 * Certificates made by `openssl ca` at test time, with any extensions, dates and digests (OpenSSL
 * 3.0's `x509 -req` cannot set a start date in the past or the future).
 */
export class OpensslPki {
  private count = 0;
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  async issue(spec: OpensslSpec): Promise<Made> {
    const id = `${++this.count}-${spec.name.replace(/[^A-Za-z0-9]+/g, '_')}`;
    const base = join(this.dir, id);
    await mkdir(base, { recursive: true });
    const file = (name: string) => join(base, name);
    await writeFile(file('index.txt'), '');
    // A unique serial of an even number of hex digits, as openssl ca wants.
    await writeFile(file('serial'), `${randomBytes(12).toString('hex')}\n`);
    await writeFile(
      file('ca.cnf'),
      [
        '[ca]',
        'default_ca = d',
        '[d]',
        `database = ${file('index.txt')}`,
        `serial = ${file('serial')}`,
        `new_certs_dir = ${base}`,
        'default_md = sha256',
        'policy = p',
        'unique_subject = no',
        `email_in_dn = ${spec.subjectEmail ? 'yes' : 'no'}`,
        '[p]',
        'commonName = supplied',
        'organizationName = optional',
        'emailAddress = optional',
        '',
      ].join('\n'),
    );
    const kind = spec.keyOf?.key ?? spec.key ?? 'ec256';
    if (spec.keyOf) await writeFile(file('key.pem'), spec.keyOf.keyPem);
    else await execFileAsync('openssl', ['genpkey', ...keyArgs(kind), '-out', file('key.pem')]);
    await execFileAsync('openssl', [
      'req',
      '-new',
      '-key',
      file('key.pem'),
      '-subj',
      `/O=Suite Test/CN=${spec.name}${spec.subjectEmail ? `/emailAddress=${spec.subjectEmail}` : ''}`,
      '-out',
      file('req.csr'),
    ]);
    const lines: string[] = [];
    if (spec.ca !== undefined && !spec.noBasicConstraints)
      lines.push(
        `basicConstraints=critical,CA:${spec.ca ? 'TRUE' : 'FALSE'}${spec.pathlen !== undefined ? `,pathlen:${spec.pathlen}` : ''}`,
      );
    const keyUsage =
      spec.keyUsage === undefined
        ? spec.ca
          ? 'critical,keyCertSign,cRLSign'
          : 'critical,digitalSignature'
        : spec.keyUsage;
    if (keyUsage) lines.push(`keyUsage=${keyUsage}`);
    if (spec.extendedKeyUsage) lines.push(`extendedKeyUsage=${spec.extendedKeyUsage}`);
    const san = spec.san === undefined ? (spec.ca ? null : 'DNS:localhost,IP:127.0.0.1') : spec.san;
    if (san) lines.push(`subjectAltName=${san}`);
    if (spec.nameConstraints) lines.push(`nameConstraints=${spec.nameConstraints}`);
    if (spec.extraExtension) lines.push(spec.extraExtension);
    lines.push('subjectKeyIdentifier=hash');
    // A v1 issuer has no key identifier to point at.
    if (spec.issuer && !spec.issuer.v1 && !spec.noAuthorityKeyId) lines.push('authorityKeyIdentifier=keyid');
    await writeFile(file('ext.cnf'), `[v3]\n${lines.join('\n')}\n`);
    const from = Date.now() + (spec.fromDays ?? -1) * DAY;
    // Ed25519 signs without a separate digest.
    const signerIsEd = (spec.issuer?.key ?? kind) === 'ed25519';
    await execFileAsync('openssl', [
      'ca',
      '-config',
      file('ca.cnf'),
      '-batch',
      '-notext',
      '-in',
      file('req.csr'),
      '-out',
      file('cert.pem'),
      ...(spec.issuer
        ? ['-cert', spec.issuer.certFile, '-keyfile', spec.issuer.keyFile]
        : ['-selfsign', '-keyfile', file('key.pem')]),
      '-startdate',
      opensslDate(from),
      '-enddate',
      opensslDate(from + (spec.days ?? 90) * DAY),
      '-md',
      signerIsEd ? 'default' : (spec.digest ?? 'sha256'),
      ...(spec.v1 ? [] : ['-extfile', file('ext.cnf'), '-extensions', 'v3']),
    ]);
    return {
      name: spec.name,
      key: kind,
      v1: spec.v1 ?? false,
      certFile: file('cert.pem'),
      keyFile: file('key.pem'),
      pem: await readFile(file('cert.pem'), 'utf8'),
      keyPem: await readFile(file('key.pem'), 'utf8'),
    };
  }
}

/**
 * The certificate as a TRUSTED CERTIFICATE with OpenSSL's own trust settings, e.g.
 * ['-addreject', 'serverAuth'] (`openssl x509 -trustout`).
 */
export async function withTrustSettings(made: Made, settings: string[]): Promise<Made> {
  const out = `${made.certFile}.trusted-${settings.join('-')}.pem`;
  await execFileAsync('openssl', ['x509', '-in', made.certFile, ...settings, '-trustout', '-out', out]);
  return { ...made, certFile: out, pem: await readFile(out, 'utf8') };
}
