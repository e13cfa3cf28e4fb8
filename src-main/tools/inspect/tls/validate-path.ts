import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import * as pkijs from 'pkijs';
import type { VerifyError } from '../../../contract/inspect.ts';
import {
  allowsServer,
  canIssue,
  factsOf,
  likelyIssued,
  signedBy,
  signingForbidden,
} from './certificate-facts.ts';
import type { CertificateFacts } from './certificate-facts.ts';
import { nameConstraintErrors } from './name-constraints.ts';
import { OPENSSL_ERRORS } from './openssl-errors.ts';
import { serverTrust } from './trust-settings.ts';
import { digestTooWeak, issuerKeyTooWeak, leafKeyTooWeak } from './security-level.ts';
import type { OpensslErrorCode } from './openssl-errors.ts';

/** OpenSSL's default verify depth (100 certificates below the anchor). */
const MAX_DEPTH = 101;

export interface Anchor {
  certificate: X509Certificate;
  /** Where the root came from, for the report: "system", "--ca FILE", "the Secret's ca.crt". */
  origin: string;
}

export interface PathResult {
  verified: boolean;
  errors: VerifyError[];
  /** The path built from the leaf up (the anchor last when one was found). */
  path: X509Certificate[];
  anchor: Anchor | null;
}

function error(code: OpensslErrorCode, depth: number, certificate: X509Certificate | undefined): VerifyError {
  const [name, explanation] = OPENSSL_ERRORS[code];
  return {
    code,
    error: name,
    depth,
    subject: certificate ? certificate.subject.replace(/\n/g, ', ') : '',
    explanation,
  };
}

/**
 * Builds the path as OpenSSL does (trusted roots searched first, then the certificates given), by name
 * and key identifier; a signature that does not match is reported later, not skipped.
 */
function buildPath(
  leaf: CertificateFacts,
  untrusted: CertificateFacts[],
  anchors: { facts: CertificateFacts; anchor: Anchor }[],
  now: number,
): { path: CertificateFacts[]; anchor: Anchor | null } {
  const path = [leaf];
  let anchor: Anchor | null = null;
  while (path.length < MAX_DEPTH) {
    const current = path[path.length - 1]!;
    if (current.selfSigned) break;
    // OpenSSL's find_issuer: the first candidate valid now, else the one that expires last.
    // Signatures play no part in the choice; a wrong one is reported later (7).
    const pick = (candidates: CertificateFacts[]) => {
      const likely = candidates.filter(
        (candidate) => !path.includes(candidate) && likelyIssued(current, candidate),
      );
      const validNow = (c: CertificateFacts) =>
        c.node.validFromDate.getTime() <= now && now <= c.node.validToDate.getTime();
      const expiresLast = (a: CertificateFacts | undefined, b: CertificateFacts) =>
        a && a.node.validToDate.getTime() >= b.node.validToDate.getTime() ? a : b;
      return likely.find(validNow) ?? likely.reduce<CertificateFacts | undefined>(expiresLast, undefined);
    };
    const trusted = pick(anchors.map((a) => a.facts));
    if (trusted) {
      path.push(trusted);
      anchor = anchors.find((a) => a.facts === trusted)!.anchor;
      continue;
    }
    // Once on trusted ground, only trusted certificates may follow (a trusted intermediate's root).
    if (anchor) break;
    const next = pick(untrusted);
    if (!next) break;
    path.push(next);
  }
  if (anchor) return { path, anchor };
  // A sent self-signed certificate that is itself trusted (same bytes) anchors the path too; a
  // trusted certificate that is not self-signed does not (OpenSSL without -partial_chain).
  const top = path[path.length - 1]!;
  const same = top.selfSigned ? anchors.find((a) => a.facts.der.equals(top.der)) : undefined;
  return { path, anchor: same?.anchor ?? null };
}

/**
 * pkijs's view of a certificate. With `ignoreDates` its validity is widened to all time on a fresh
 * copy: pkijs checks dates before anything else and stops there, so after a date error (which is
 * then already named) it is asked again this way to judge the rest. Signatures are unaffected: they
 * are checked on the original bytes.
 */
function toPkijs(certificate: X509Certificate, ignoreDates: boolean): pkijs.Certificate {
  const parsed = pkijs.Certificate.fromBER(new Uint8Array(certificate.raw));
  if (ignoreDates) {
    parsed.notBefore.value = new Date(0);
    parsed.notAfter.value = new Date(8.64e15);
  }
  return parsed;
}

async function pkijsVerdict(
  leaf: X509Certificate,
  untrusted: X509Certificate[],
  anchors: X509Certificate[],
  checkDate: Date,
  ignoreDates: boolean,
): Promise<{ ok: boolean; code: number; message: string }> {
  const nodeOf = new Map<pkijs.Certificate, X509Certificate>();
  const wrap = (certificate: X509Certificate) => {
    const parsed = toPkijs(certificate, ignoreDates);
    nodeOf.set(parsed, certificate);
    return parsed;
  };
  const trustedCerts = anchors.map(wrap);
  const certs = [...untrusted.map(wrap), wrap(leaf)];
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts,
    certs,
    checkDate,
    findIssuer: async (certificate) => {
      const child = nodeOf.get(certificate)!;
      if (child.subject === child.issuer && child.verify(child.publicKey)) return [certificate];
      return [...trustedCerts, ...certs].filter((candidate) => {
        const issuer = nodeOf.get(candidate)!;
        try {
          return candidate !== certificate && child.checkIssued(issuer) && child.verify(issuer.publicKey);
        } catch {
          return false;
        }
      });
    },
  });
  const result = await engine.verify();
  return { ok: result.result, code: result.resultCode ?? -1, message: result.resultMessage ?? '' };
}

/**
 * pkijs refusals the suite judges itself as OpenSSL does: policies (0, 98, 99), which OpenSSL only
 * evaluates with -policy_check; a CA without basicConstraints (3, 14), which OpenSSL accepts as
 * the trusted root (a v1 root, or keyUsage with keyCertSign); name constraints (41, 42), which
 * pkijs checks only in the SAN and not for the trust anchor's.
 */
const PKIJS_NOT_OPENSSL = new Set([0, 98, 99, 3, 14, 41, 42]);

const ORDER_STAGE: Record<number, number> = {
  66: -1,
  34: 1,
  79: 1,
  26: 1,
  25: 1,
  67: 1.5,
  68: 1.5,
  62: 2,
  64: 2,
  32: 3,
  7: 3,
  9: 3,
  10: 3,
  21: 3,
};

/**
 * The roots that could be on the path: those that issued a sent certificate or another of them, or
 * are one. The system's hundred-odd others are never parsed.
 */
function anchorsFor(sent: X509Certificate[], anchors: Anchor[]): Anchor[] {
  const issuers = new Set(sent.map((certificate) => certificate.issuer));
  const chosen = new Set(
    anchors.filter((anchor) => sent.some((certificate) => certificate.raw.equals(anchor.certificate.raw))),
  );
  for (let grew = true; grew && chosen.size < MAX_DEPTH * 4;) {
    grew = false;
    for (const anchor of anchors) {
      if (chosen.has(anchor) || !issuers.has(anchor.certificate.subject)) continue;
      chosen.add(anchor);
      issuers.add(anchor.certificate.issuer);
      grew = true;
    }
  }
  return anchors.filter((anchor) => chosen.has(anchor));
}

/**
 * Validates a chain for a TLS server as `openssl verify -purpose sslserver` (files) and `s_client`
 * (hosts) do, and names each failure with OpenSSL's words and number, in OpenSSL's order: the leaf's
 * key strength (66), building the path (2, 18, 19, 20), per certificate from the leaf up critical
 * extensions (34), CA (79), purpose (26) and path length (25), key and digest strength (67, 68),
 * the host name (62, 64), from the top down signatures (32, 7, 21) and validity (9, 10), then what
 * only pkijs named (name constraints 47, 48).
 *
 * The verdict is pkijs's CertificateChainValidationEngine (RFC 5280: signatures, validity, basic
 * constraints, key usage of CAs, name constraints, policies) on the path it builds. The checks here
 * locate and name its failures as OpenSSL does, and add what pkijs does not check but OpenSSL does:
 * pathLenConstraint, the server purpose (extended key usage), critical extensions OpenSSL does not
 * handle, and key and digest strength at a security level.
 */
export async function validatePath(
  sent: X509Certificate[],
  anchors: Anchor[],
  options: {
    now: number;
    host?: string | null;
    /** OpenSSL's auth level: 0 for files (as `openssl verify`), the client's level for live hosts. */
    securityLevel?: number;
  },
): Promise<PathResult> {
  const [leafCertificate, ...rest] = sent;
  if (!leafCertificate) throw new Error('validatePath needs at least one certificate');
  const leaf = factsOf(leafCertificate);
  const untrusted = rest.map(factsOf);
  const relevant = anchorsFor(sent, anchors);
  const anchorFacts = relevant.map((anchor) => ({ facts: factsOf(anchor.certificate), anchor }));
  const built = buildPath(leaf, untrusted, anchorFacts, options.now);
  const path = built.path;
  const errors: VerifyError[] = [];
  const top = path.length - 1;

  if (!built.anchor) {
    const last = path[top]!;
    errors.push(error(last.selfSigned ? (top === 0 ? 18 : 19) : 20, top, last.node));
  } else if (!path[top]!.selfSigned && path.length > 1) {
    errors.push(error(2, top, path[top]!.node));
  }

  // The trusted part of the path and each one's own trust settings (a TRUSTED CERTIFICATE's).
  const trustOf = (depth: number) => {
    const facts = path[depth]!;
    const anchor =
      anchorFacts.find((a) => a.facts === facts)?.anchor ?? (depth === top ? built.anchor : null);
    return anchor ? serverTrust(anchor.certificate) : null;
  };
  // OpenSSL's check_trust: from the lowest trusted certificate up, explicit trust ends the search
  // and a rejection is error 28.
  for (let depth = 0; built.anchor && depth <= top; depth++) {
    const trust = trustOf(depth);
    if (trust === 'trusted') break;
    if (trust === 'rejected') {
      errors.push(error(28, depth, path[depth]!.node));
      break;
    }
  }

  const level = options.securityLevel ?? 0;
  if (leafKeyTooWeak(leaf.node, level)) errors.push(error(66, 0, leaf.node));

  // Extensions, leaf first (OpenSSL's check_extensions).
  let belowCas = 0;
  path.forEach((facts, depth) => {
    const isTop = depth === top;
    if (facts.unhandledCritical.length > 0) errors.push(error(34, depth, facts.node));
    if (depth > 0 && !canIssue(facts, isTop)) errors.push(error(79, depth, facts.node));
    // check_purpose: a trusted certificate's own trust settings decide before its extensions do.
    const trust = trustOf(depth);
    if (trust === 'rejected' || (trust !== 'trusted' && !allowsServer(facts, depth > 0)))
      errors.push(error(26, depth, facts.node));
    // A self-issued CA does not count towards the length, but its own limit is still checked.
    const pathLength = facts.basicConstraints?.pathLength ?? null;
    if (depth > 1 && pathLength !== null && belowCas > pathLength) errors.push(error(25, depth, facts.node));
    if (depth > 0 && !facts.selfIssued) belowCas++;
  });

  // Key and digest strength (OpenSSL's check_auth_level): issuers' keys, and every signature but
  // the trust anchor's own.
  path.forEach((facts, depth) => {
    if (depth > 0 && issuerKeyTooWeak(facts.node, level)) errors.push(error(67, depth, facts.node));
    if (depth < top && digestTooWeak(facts.node, level)) errors.push(error(68, depth, facts.node));
  });

  if (options.host) {
    const ip = isIP(options.host) !== 0;
    const matches = ip ? leaf.node.checkIP(options.host) : leaf.node.checkHost(options.host);
    if (matches === undefined) errors.push(error(ip ? 64 : 62, 0, leaf.node));
  }

  // Signatures and validity from the top down (OpenSSL's internal_verify).
  // A top certificate that is not self-issued has no issuer to check it against: OpenSSL starts one
  // below it, and with nothing below reports 21.
  const first = path[top]!.selfIssued ? top : top - 1;
  if (first < 0) errors.push(error(21, 0, leaf.node));
  for (let depth = first; depth >= 0; depth--) {
    const facts = path[depth]!;
    const issuer = path[depth + 1];
    if (issuer) {
      if (signingForbidden(issuer)) errors.push(error(32, depth + 1, issuer.node));
      else if (!signedBy(facts, issuer)) errors.push(error(7, depth, facts.node));
    }
    if (options.now < facts.node.validFromDate.getTime()) errors.push(error(9, depth, facts.node));
    else if (options.now > facts.node.validToDate.getTime()) errors.push(error(10, depth, facts.node));
  }

  // Name constraints of every CA on the path, the trusted root's too (OpenSSL's check_name_constraints).
  if (built.anchor)
    for (const found of nameConstraintErrors(path))
      errors.push(error(found.code as OpensslErrorCode, found.depth, path[found.depth]!.node));

  // pkijs's verdict at this moment, as a cross-check: a refusal that nothing above named is added
  // (as error 1), except where pkijs departs from OpenSSL and the checks above already judged as
  // OpenSSL does. After a date error it is asked again with dates set aside, for the rest.
  const isDate = (e: VerifyError) => e.code === 9 || e.code === 10;
  if (built.anchor && path.length > 1) {
    // pkijs is given the path built here (it would otherwise choose among same-named issuers
    // itself): its trusted part as anchors, the rest as sent. A leaf that is also trusted stays out
    // of the anchors: pkijs takes its leaf from the end of one list with duplicates removed.
    const onPath = path.slice(1).map((facts) => facts.node);
    const isAnchor = (node: X509Certificate) =>
      node === path[top]!.node || relevant.some((a) => a.certificate === node);
    const anchorCertificates = onPath.filter(isAnchor);
    const sentOnPath = onPath.filter((node) => !isAnchor(node));
    const at = new Date(options.now);
    let verdict = await pkijsVerdict(leafCertificate, sentOnPath, anchorCertificates, at, false);
    if (!verdict.ok && errors.some(isDate))
      verdict = await pkijsVerdict(leafCertificate, sentOnPath, anchorCertificates, at, true);
    if (!verdict.ok && errors.every(isDate) && !PKIJS_NOT_OPENSSL.has(verdict.code))
      errors.push({ ...error(1, 0, leaf.node), explanation: `pkijs: ${verdict.message}` });
  }

  errors.sort((a, b) => stage(a) - stage(b));
  return {
    verified: errors.length === 0,
    errors,
    path: path.map((facts) => facts.node),
    anchor: built.anchor,
  };
}

/** Position of an error's check in OpenSSL's sequence (a stable sort keeps depth order within one). */
function stage(verifyError: VerifyError): number {
  if ([2, 18, 19, 20, 28].includes(verifyError.code)) return 0;
  return ORDER_STAGE[verifyError.code] ?? 4;
}
