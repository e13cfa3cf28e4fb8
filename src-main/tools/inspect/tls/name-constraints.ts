/**
 * Name constraints exactly as OpenSSL 3 checks them (x509_vfy.c check_name_constraints, v3_ncons.c):
 * every CA on the path, the trusted root included, constrains each certificate below it, and not only
 * its subjectAltName: the subject DN, an emailAddress in the subject and, for a leaf without a DNS
 * SAN, a common name that looks like a host name. pkijs leaves the trust anchor's constraints and
 * the subject's names out, so this is done here on the structures @peculiar/asn1-x509 parses.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn1 from '@peculiar/asn1-x509';
import type { CertificateFacts } from './certificate-facts.ts';

const EMAIL_ADDRESS = '1.2.840.113549.1.9.1';
const COMMON_NAME = '2.5.4.3';

/** X509_V_OK, or the X509_V_ERR number OpenSSL gives. */
type Outcome = 0 | 47 | 48 | 49 | 51 | 53;
const PERMITTED = 47;
const EXCLUDED = 48;
const SUBTREE_MINMAX = 49;
const UNSUPPORTED_TYPE = 51;
const UNSUPPORTED_SYNTAX = 53;

/** A name to check: its GeneralName kind and its value (text, address bytes, or DN as RDN keys). */
type Name =
  | { kind: 'dns' | 'email' | 'uri'; text: string }
  | { kind: 'ip'; bytes: Uint8Array }
  | { kind: 'dirName'; rdns: string[] }
  | { kind: 'other' };

const caseless = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** One RDN as a comparable key: OpenSSL's canonical form (lower case, spaces collapsed), set sorted. */
function rdnKeys(name: asn1.Name): string[] {
  return name.map((rdn) =>
    rdn
      .map(
        (attribute) =>
          `${attribute.type}=${String(attribute.value).trim().replace(/\s+/g, ' ').toLowerCase()}`,
      )
      .sort()
      .join('+'),
  );
}

function fromGeneralName(general: asn1.GeneralName): Name {
  if (general.dNSName !== undefined) return { kind: 'dns', text: general.dNSName };
  if (general.rfc822Name !== undefined) return { kind: 'email', text: general.rfc822Name };
  if (general.uniformResourceIdentifier !== undefined)
    return { kind: 'uri', text: general.uniformResourceIdentifier };
  if (general.directoryName !== undefined) return { kind: 'dirName', rdns: rdnKeys(general.directoryName) };
  if (general.iPAddress !== undefined) {
    // The converter turns the bytes into text; the DER of [7] holds them as they are.
    const der = new Uint8Array(AsnConvert.serialize(general));
    const length = der[1]!;
    return { kind: 'ip', bytes: der.slice(2, 2 + length) };
  }
  return { kind: 'other' };
}

function matchDns(name: string, base: string): boolean {
  if (base.length === 0) return true;
  if (name.length > base.length) {
    const cut = name.length - base.length;
    if (!base.startsWith('.') && name[cut - 1] !== '.') return false;
    return caseless(name.slice(cut), base);
  }
  return caseless(name, base);
}

function matchEmail(name: string, base: string): Outcome {
  const nameAt = name.indexOf('@');
  if (nameAt === -1) return UNSUPPORTED_SYNTAX;
  const baseAt = base.indexOf('@');
  if (baseAt === -1 && base.startsWith('.'))
    return name.length > base.length && caseless(name.slice(name.length - base.length), base) ? 0 : PERMITTED;
  let domain = base;
  if (baseAt !== -1) {
    // A local part in the constraint must match exactly (case-sensitive).
    if (baseAt > 0 && base.slice(0, baseAt) !== name.slice(0, nameAt)) return PERMITTED;
    domain = base.slice(baseAt + 1);
  }
  return caseless(name.slice(nameAt + 1), domain) ? 0 : PERMITTED;
}

function matchUri(name: string, base: string): Outcome {
  const scheme = name.indexOf('://');
  if (scheme === -1) return UNSUPPORTED_SYNTAX;
  const rest = name.slice(scheme + 3);
  const host = rest.slice(0, rest.search(/[:/]|$/));
  if (host.length === 0) return UNSUPPORTED_SYNTAX;
  if (base.startsWith('.'))
    return host.length > base.length && caseless(host.slice(host.length - base.length), base) ? 0 : PERMITTED;
  return caseless(host, base) ? 0 : PERMITTED;
}

function matchIp(address: Uint8Array, base: Uint8Array): boolean {
  if (base.length !== address.length * 2) return false;
  const mask = base.subarray(address.length);
  return address.every((byte, i) => (byte & mask[i]!) === (base[i]! & mask[i]!));
}

/** OpenSSL's nc_match_single: 0 when the name falls inside the subtree. */
function matchSingle(name: Name, base: Name): Outcome {
  if (name.kind === 'dns' && base.kind === 'dns') return matchDns(name.text, base.text) ? 0 : PERMITTED;
  if (name.kind === 'email' && base.kind === 'email') return matchEmail(name.text, base.text);
  if (name.kind === 'uri' && base.kind === 'uri') return matchUri(name.text, base.text);
  if (name.kind === 'ip' && base.kind === 'ip') return matchIp(name.bytes, base.bytes) ? 0 : PERMITTED;
  if (name.kind === 'dirName' && base.kind === 'dirName')
    return base.rdns.every((rdn, i) => name.rdns[i] === rdn) ? 0 : PERMITTED;
  return UNSUPPORTED_TYPE;
}

/** OpenSSL's nc_match: inside some permitted subtree of its kind (if any), inside no excluded one. */
function matchConstraints(name: Name, constraints: asn1.NameConstraints): Outcome {
  const subtrees = (list: asn1.GeneralSubtrees | undefined) =>
    (list ?? [])
      .map((subtree) => ({ subtree, base: fromGeneralName(subtree.base) }))
      .filter(({ base }) => base.kind === name.kind);
  const minMaxValid = (subtree: asn1.GeneralSubtree) => !subtree.minimum && subtree.maximum === undefined;
  let match: 0 | 1 | 2 = 0;
  for (const { subtree, base } of subtrees(constraints.permittedSubtrees)) {
    if (!minMaxValid(subtree)) return SUBTREE_MINMAX;
    if (match === 2) continue;
    match = 1;
    const outcome = matchSingle(name, base);
    if (outcome === 0) match = 2;
    else if (outcome !== PERMITTED) return outcome;
  }
  if (match === 1) return PERMITTED;
  for (const { subtree, base } of subtrees(constraints.excludedSubtrees)) {
    if (!minMaxValid(subtree)) return SUBTREE_MINMAX;
    const outcome = matchSingle(name, base);
    if (outcome === 0) return EXCLUDED;
    if (outcome !== PERMITTED) return outcome;
  }
  return 0;
}

/**
 * OpenSSL's cn2dnsid: the common name as a DNS name when it looks like one (two labels or more, no
 * dot or hyphen first or last: "www.example.org." is not one); an embedded NUL is error 53.
 */
function commonNameAsDns(value: string): string | null | 53 {
  const name = value.replace(/\0+$/, '');
  if (name.includes('\0')) return UNSUPPORTED_SYNTAX;
  let plausible = false;
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (/[A-Za-z0-9_]/.test(c)) continue;
    const inside = i > 0 && i < name.length - 1;
    if (inside && c === '-') continue;
    if (inside && c === '.' && name[i + 1] !== '.' && name[i - 1] !== '-' && name[i + 1] !== '-') {
      plausible = true;
      continue;
    }
    return null;
  }
  return plausible ? name : null;
}

interface Parsed {
  subject: asn1.Name;
  altNames: asn1.GeneralName[];
  constraints: asn1.NameConstraints | null;
}

function parse(facts: CertificateFacts): Parsed {
  const tbs = AsnConvert.parse(facts.der, asn1.Certificate).tbsCertificate;
  const extension = (oid: string) => tbs.extensions?.find((candidate) => candidate.extnID === oid);
  const san = extension(asn1.id_ce_subjectAltName);
  const nc = extension(asn1.id_ce_nameConstraints);
  return {
    subject: tbs.subject,
    altNames: san ? [...AsnConvert.parse(san.extnValue, asn1.SubjectAlternativeName)] : [],
    constraints: nc ? AsnConvert.parse(nc.extnValue, asn1.NameConstraints) : null,
  };
}

/** NAME_CONSTRAINTS_check (and _check_CN for the leaf): the first violation, or 0. */
function checkCertificate(certificate: Parsed, constraints: asn1.NameConstraints, leaf: boolean): Outcome {
  const names: Name[] = [];
  if (certificate.subject.length > 0) names.push({ kind: 'dirName', rdns: rdnKeys(certificate.subject) });
  const attributes = certificate.subject.flat();
  for (const attribute of attributes)
    if (attribute.type === EMAIL_ADDRESS) names.push({ kind: 'email', text: String(attribute.value) });
  names.push(...certificate.altNames.map(fromGeneralName));
  for (const name of names) {
    const outcome = matchConstraints(name, constraints);
    if (outcome !== 0) return outcome;
  }
  if (!leaf || certificate.altNames.some((general) => general.dNSName !== undefined)) return 0;
  for (const attribute of attributes) {
    if (attribute.type !== COMMON_NAME) continue;
    const dns = commonNameAsDns(String(attribute.value));
    if (dns === UNSUPPORTED_SYNTAX) return dns;
    if (dns === null) continue;
    const outcome = matchConstraints({ kind: 'dns', text: dns }, constraints);
    if (outcome !== 0) return outcome;
  }
  return 0;
}

/**
 * Violations on a path (leaf first, anchor last), in OpenSSL's order: certificates from the top
 * down, each against the constraints of every CA above it, from the top; self-issued CAs are
 * exempt. One error per failing pair, at the constrained certificate's depth.
 */
export function nameConstraintErrors(path: CertificateFacts[]): { code: number; depth: number }[] {
  const parsed = path.map(parse);
  const errors: { code: number; depth: number }[] = [];
  for (let depth = path.length - 1; depth >= 0; depth--) {
    if (depth !== 0 && path[depth]!.selfIssued) continue;
    for (let above = path.length - 1; above > depth; above--) {
      const constraints = parsed[above]!.constraints;
      if (!constraints) continue;
      const outcome = checkCertificate(parsed[depth]!, constraints, depth === 0);
      if (outcome !== 0) errors.push({ code: outcome, depth });
    }
  }
  return errors;
}
