import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectTls } from '../../../src-main/tools/inspect/tls/inspect-tls.ts';
import { tempDir } from '../../support/temp.ts';
import { OpensslPki, withTrustSettings } from '../../support/test-pki.ts';
import type { Made, OpensslSpec } from '../../support/test-pki.ts';

const execFileAsync = promisify(execFile);

/** One chain of the corpus: what is sent (leaf first), what is trusted, the name checked. */
interface Case {
  name: string;
  sent: Made[];
  anchors: Made[];
  host?: string;
  /** Policy warnings the suite must raise beside the verdict (kinds). */
  warnings?: string[];
  /** The sent list must draw a note about its order or contents. */
  note?: RegExp;
  /** Every error must be one openssl verify prints (none added after them). */
  exactErrors?: boolean;
  /** The verdict word the chain must get (named by the first error in OpenSSL's order). */
  verdict?: string;
}

let dir: string;
const cases: Case[] = [];

/** `openssl verify -purpose sslserver` on the same files: exit status and each "error N at D" line. */
async function opensslVerify(c: Case, files: { leaf: string; untrusted: string; ca: string }) {
  const args = ['verify', '-purpose', 'sslserver'];
  if (c.anchors.length > 0) args.push('-CAfile', files.ca);
  if (c.sent.length > 1) args.push('-untrusted', files.untrusted);
  if (c.host) args.push(/^[\d.]+$/.test(c.host) ? '-verify_ip' : '-verify_hostname', c.host);
  args.push(files.leaf);
  const outcome = await execFileAsync('openssl', args, { timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
    (error: { stdout: string; stderr: string }) => ({ ok: false, output: error.stdout + error.stderr }),
  );
  const errors = [...outcome.output.matchAll(/error (\d+) at (\d+) depth lookup/g)].map(
    (match) => `${match[1]}@${match[2]}`,
  );
  return { ok: outcome.ok, errors };
}

beforeAll(async () => {
  dir = await tempDir('tls-corpus');
  const pki = new OpensslPki(dir);
  const make = (spec: OpensslSpec) => pki.issue(spec);
  const add = (c: Case) => cases.push(c);

  const ecRoot = await make({ name: 'EC Root', ca: true, days: 3650, fromDays: -30 });
  const ecInt = await make({ name: 'EC Intermediate', ca: true, issuer: ecRoot, days: 1000 });
  const rsaRoot = await make({ name: 'RSA Root', key: 'rsa2048', ca: true, days: 3650, fromDays: -30 });
  const rsaInt = await make({
    name: 'RSA Intermediate',
    key: 'rsa2048',
    ca: true,
    issuer: rsaRoot,
    days: 1000,
  });
  const edRoot = await make({ name: 'Ed25519 Root', key: 'ed25519', ca: true, days: 3650, fromDays: -30 });
  const edInt = await make({
    name: 'Ed25519 Intermediate',
    key: 'ed25519',
    ca: true,
    issuer: edRoot,
    days: 1000,
  });
  const p384Root = await make({ name: 'P-384 Root', key: 'ec384', ca: true, days: 3650, fromDays: -30 });
  const p384Int = await make({ name: 'P-384 Intermediate', key: 'ec384', ca: true, issuer: p384Root });
  const leafOf = (issuer: Made, spec: Partial<OpensslSpec> = {}) =>
    make({ name: 'localhost', issuer, days: 60, ...spec });

  // Good chains, each key type.
  add({ name: 'ECDSA root, intermediate, leaf', sent: [await leafOf(ecInt), ecInt], anchors: [ecRoot] });
  add({
    name: 'RSA root, intermediate, leaf',
    sent: [await leafOf(rsaInt, { key: 'rsa2048' }), rsaInt],
    anchors: [rsaRoot],
  });
  add({
    name: 'Ed25519 root, intermediate, leaf',
    sent: [await leafOf(edInt, { key: 'ed25519' }), edInt],
    anchors: [edRoot],
  });
  add({ name: 'P-384 chain', sent: [await leafOf(p384Int, { key: 'ec384' }), p384Int], anchors: [p384Root] });
  const mixedInt = await make({ name: 'EC under RSA', ca: true, issuer: rsaRoot });
  add({
    name: 'RSA root, ECDSA intermediate, Ed25519 leaf',
    sent: [await leafOf(mixedInt, { key: 'ed25519' }), mixedInt],
    anchors: [rsaRoot],
  });
  add({ name: 'leaf straight under the root', sent: [await leafOf(ecRoot)], anchors: [ecRoot] });
  const ecInt2 = await make({ name: 'EC Intermediate 2', ca: true, issuer: ecInt });
  add({ name: 'two intermediates', sent: [await leafOf(ecInt2), ecInt2, ecInt], anchors: [ecRoot] });
  const pathlen0 = await make({ name: 'Pathlen 0', ca: true, pathlen: 0, issuer: ecRoot });
  add({
    name: 'pathlen 0 with the leaf right below',
    sent: [await leafOf(pathlen0), pathlen0],
    anchors: [ecRoot],
  });
  const pathlen1 = await make({ name: 'Pathlen 1', ca: true, pathlen: 1, issuer: ecRoot });
  const underPathlen1 = await make({ name: 'Under pathlen 1', ca: true, issuer: pathlen1 });
  add({
    name: 'pathlen 1 with one CA below',
    sent: [await leafOf(underPathlen1), underPathlen1, pathlen1],
    anchors: [ecRoot],
  });
  const v1Root = await make({ name: 'V1 Root', v1: true, days: 3650, fromDays: -30 });
  add({ name: 'X.509 v1 root', sent: [await leafOf(v1Root)], anchors: [v1Root] });
  const trustedSelf = await make({ name: 'localhost', ca: false, keyUsage: 'critical,digitalSignature' });
  add({ name: 'self-signed leaf that is trusted', sent: [trustedSelf], anchors: [trustedSelf] });
  add({
    name: 'host name matches',
    sent: [await leafOf(ecInt), ecInt],
    anchors: [ecRoot],
    host: 'localhost',
  });
  add({
    name: 'IP address matches',
    sent: [await leafOf(ecInt), ecInt],
    anchors: [ecRoot],
    host: '127.0.0.1',
  });
  add({
    name: 'wildcard matches',
    sent: [await leafOf(ecInt, { san: 'DNS:*.example.test' }), ecInt],
    anchors: [ecRoot],
    host: 'a.example.test',
  });
  const permitted = await make({
    name: 'Constrained',
    ca: true,
    issuer: ecRoot,
    nameConstraints: 'critical,permitted;DNS:localhost,permitted;IP:127.0.0.0/255.0.0.0',
  });
  add({
    name: 'name constraints permit the leaf',
    sent: [await leafOf(permitted), permitted],
    anchors: [ecRoot],
  });
  add({
    name: 'serverAuth and clientAuth',
    sent: [await leafOf(ecInt, { extendedKeyUsage: 'serverAuth,clientAuth' }), ecInt],
    anchors: [ecRoot],
  });
  const ekuCa = await make({ name: 'Server CA', ca: true, issuer: ecRoot, extendedKeyUsage: 'serverAuth' });
  add({
    name: 'CA limited to serverAuth',
    sent: [await leafOf(ekuCa, { extendedKeyUsage: 'serverAuth' }), ekuCa],
    anchors: [ecRoot],
  });

  // Verified by OpenSSL, with a policy warning.
  add({
    name: 'SHA-1 signature',
    sent: [await leafOf(rsaInt, { key: 'rsa2048', digest: 'sha1', extendedKeyUsage: 'serverAuth' }), rsaInt],
    anchors: [rsaRoot],
    warnings: ['weak-signature'],
  });
  add({
    name: 'RSA 1024 key',
    sent: [await leafOf(rsaInt, { key: 'rsa1024', extendedKeyUsage: 'serverAuth' }), rsaInt],
    anchors: [rsaRoot],
    warnings: ['weak-key'],
  });
  add({
    name: 'EC P-224 key',
    sent: [await leafOf(ecInt, { key: 'ec224', extendedKeyUsage: 'serverAuth' }), ecInt],
    anchors: [ecRoot],
    warnings: ['weak-key'],
  });
  add({
    name: 'no subjectAltName',
    sent: [await leafOf(ecInt, { san: null, extendedKeyUsage: 'serverAuth' }), ecInt],
    anchors: [ecRoot],
    warnings: ['no-san'],
  });
  add({
    name: 'valid 825 days',
    sent: [await leafOf(ecInt, { days: 825, extendedKeyUsage: 'serverAuth' }), ecInt],
    anchors: [ecRoot],
    warnings: ['too-long'],
  });
  add({
    name: 'no extendedKeyUsage',
    sent: [await leafOf(ecInt), ecInt],
    anchors: [ecRoot],
    warnings: ['no-server-auth'],
  });
  add({
    name: 'sent out of order',
    sent: [await leafOf(ecInt2), ecInt, ecInt2],
    anchors: [ecRoot],
    note: /out of order/,
  });
  add({
    name: 'an unrelated certificate sent along',
    sent: [await leafOf(ecInt), ecInt, rsaInt],
    anchors: [ecRoot],
    note: /not on the path/,
  });
  add({
    name: 'the root sent along',
    sent: [await leafOf(ecInt), ecInt, ecRoot],
    anchors: [ecRoot],
    note: /is a root/,
  });

  // Failures.
  const notCa = await make({ name: 'Not A CA', ca: false, keyUsage: null, san: null, issuer: pathlen0 });
  add({
    name: 'issuer is CA:FALSE under a pathlen 0 intermediate (the issue’s case)',
    sent: [await leafOf(notCa), notCa, pathlen0],
    anchors: [ecRoot],
  });
  const noCertSign = await make({
    name: 'No CertSign',
    ca: true,
    keyUsage: 'critical,digitalSignature',
    issuer: ecRoot,
  });
  add({
    name: 'issuer keyUsage without keyCertSign',
    sent: [await leafOf(noCertSign), noCertSign],
    anchors: [ecRoot],
  });
  const noBasic = await make({
    name: 'No Basic Constraints',
    ca: true,
    noBasicConstraints: true,
    issuer: ecRoot,
  });
  add({ name: 'issuer without basicConstraints', sent: [await leafOf(noBasic), noBasic], anchors: [ecRoot] });
  const leafAsIssuer = await make({ name: 'Leaf As Issuer', ca: false, issuer: ecRoot });
  add({ name: 'a leaf used as issuer', sent: [await leafOf(leafAsIssuer), leafAsIssuer], anchors: [ecRoot] });
  const under0 = await make({ name: 'Below Pathlen 0', ca: true, issuer: pathlen0 });
  add({
    name: 'a CA below a pathlen 0 CA',
    sent: [await leafOf(under0), under0, pathlen0],
    anchors: [ecRoot],
  });
  add({ name: 'self-signed leaf, untrusted', sent: [trustedSelf], anchors: [ecRoot] });
  add({ name: 'intermediate missing', sent: [await leafOf(ecInt)], anchors: [ecRoot] });
  add({ name: 'root not trusted', sent: [await leafOf(ecInt), ecInt, ecRoot], anchors: [rsaRoot] });
  add({
    name: 'expired leaf',
    sent: [await leafOf(ecInt, { fromDays: -100, days: 30 }), ecInt],
    anchors: [ecRoot],
  });
  add({
    name: 'expired Ed25519 leaf',
    sent: [await leafOf(edInt, { key: 'ed25519', fromDays: -100, days: 30 }), edInt],
    anchors: [edRoot],
  });
  add({ name: 'leaf not yet valid', sent: [await leafOf(ecInt, { fromDays: 5 }), ecInt], anchors: [ecRoot] });
  const expiredInt = await make({ name: 'Expired Int', ca: true, issuer: ecRoot, fromDays: -100, days: 10 });
  add({
    name: 'expired intermediate',
    sent: [await leafOf(expiredInt, { fromDays: -20, days: 60 }), expiredInt],
    anchors: [ecRoot],
  });
  const futureInt = await make({
    name: 'Future Int',
    key: 'rsa2048',
    ca: true,
    issuer: rsaRoot,
    fromDays: 3,
  });
  add({
    name: 'intermediate not yet valid',
    sent: [await leafOf(futureInt, { key: 'rsa2048' }), futureInt],
    anchors: [rsaRoot],
  });
  const expiredRoot = await make({ name: 'Expired Root', ca: true, fromDays: -400, days: 300 });
  const underExpired = await make({
    name: 'Under Expired',
    ca: true,
    issuer: expiredRoot,
    fromDays: -200,
    days: 400,
  });
  add({
    name: 'expired root',
    sent: [await leafOf(underExpired), underExpired],
    anchors: [expiredRoot],
  });
  add({
    name: 'clientAuth only',
    sent: [await leafOf(ecInt, { extendedKeyUsage: 'clientAuth' }), ecInt],
    anchors: [ecRoot],
  });
  const clientCa = await make({
    name: 'Client CA',
    ca: true,
    issuer: ecRoot,
    extendedKeyUsage: 'clientAuth',
  });
  add({ name: 'CA limited to clientAuth', sent: [await leafOf(clientCa), clientCa], anchors: [ecRoot] });
  add({
    name: 'leaf keyUsage keyCertSign only',
    sent: [await leafOf(ecInt, { keyUsage: 'critical,keyCertSign' }), ecInt],
    anchors: [ecRoot],
  });
  const impostor = await make({ name: 'EC Intermediate', ca: true, issuer: ecRoot });
  add({
    name: 'signature by another key of the same name',
    sent: [await leafOf(impostor, { noAuthorityKeyId: true }), ecInt],
    anchors: [ecRoot],
  });
  add({
    name: 'host name mismatch',
    sent: [await leafOf(ecInt), ecInt],
    anchors: [ecRoot],
    host: 'other.example',
  });
  add({
    name: 'IP address mismatch',
    sent: [await leafOf(ecInt), ecInt],
    anchors: [ecRoot],
    host: '10.1.2.3',
  });
  const excluded = await make({
    name: 'Excluding',
    ca: true,
    issuer: ecRoot,
    nameConstraints: 'critical,excluded;DNS:localhost',
  });
  add({
    name: 'name constraints exclude the leaf',
    sent: [await leafOf(excluded), excluded],
    anchors: [ecRoot],
  });
  const elsewhere = await make({
    name: 'Elsewhere',
    ca: true,
    issuer: ecRoot,
    nameConstraints: 'critical,permitted;DNS:example.com',
  });
  add({
    name: 'name constraints do not permit the leaf',
    sent: [await leafOf(elsewhere, { san: 'DNS:localhost' }), elsewhere],
    anchors: [ecRoot],
  });
  const unknownCritical = '1.2.3.4=critical,ASN1:UTF8String:unknown';
  add({
    name: 'leaf with a critical extension OpenSSL does not handle',
    sent: [await leafOf(ecInt, { extraExtension: unknownCritical }), ecInt],
    anchors: [ecRoot],
  });
  const oddInt = await make({ name: 'Odd Int', ca: true, issuer: ecRoot, extraExtension: unknownCritical });
  add({
    name: 'intermediate with a critical extension OpenSSL does not handle',
    sent: [await leafOf(oddInt), oddInt],
    anchors: [ecRoot],
  });
  add({
    name: 'leaf alone, a CA file with the intermediate and the root',
    sent: [await leafOf(ecInt)],
    anchors: [ecInt, ecRoot],
  });
  const pinned = await leafOf(ecInt);
  add({ name: 'the leaf itself in the CA file, without its issuers', sent: [pinned], anchors: [pinned] });
  add({
    name: 'the leaf itself in the CA file, with its root',
    sent: [pinned, ecInt],
    anchors: [pinned, ecRoot],
  });
  add({ name: 'trusted intermediate without its root', sent: [await leafOf(ecInt)], anchors: [ecInt] });
  add({
    name: 'expired leaf under a CA:FALSE issuer',
    sent: [await leafOf(leafAsIssuer, { fromDays: -100, days: 30 }), leafAsIssuer],
    anchors: [ecRoot],
  });
  add({
    name: 'the wrong intermediate sent',
    sent: [await leafOf(ecInt), rsaInt],
    anchors: [ecRoot, rsaRoot],
  });
  add({
    name: 'expired RSA leaf in a P-384 chain, host checked',
    sent: [await leafOf(p384Int, { key: 'rsa2048', fromDays: -200, days: 100 }), p384Int],
    anchors: [p384Root],
    host: 'localhost',
    verdict: 'expired',
  });
  add({
    name: 'expired leaf for another host name',
    sent: [await leafOf(ecInt, { fromDays: -200, days: 100 }), ecInt],
    anchors: [ecRoot],
    host: 'other.example',
    verdict: 'wrong-host',
  });
  add({
    name: 'expired leaf outside the names its CA permits',
    sent: [await leafOf(elsewhere, { san: 'DNS:localhost', fromDays: -100, days: 30 }), elsewhere],
    anchors: [ecRoot],
  });
  const falseRoot = await make({
    name: 'False Root',
    ca: false,
    keyUsage: 'critical,keyCertSign',
    days: 3650,
  });
  add({ name: 'trusted root with CA:FALSE', sent: [await leafOf(falseRoot)], anchors: [falseRoot] });

  // Name constraints on the trusted root itself, permitted and excluded (OpenSSL: 47, 48).
  const permittingRoot = await make({
    name: 'Permitting Root',
    ca: true,
    days: 3650,
    nameConstraints: 'critical,permitted;DNS:example.org',
  });
  add({ name: 'root permits other names', sent: [await leafOf(permittingRoot)], anchors: [permittingRoot] });
  const excludingRoot = await make({
    name: 'Excluding Root',
    ca: true,
    days: 3650,
    nameConstraints: 'critical,excluded;DNS:localhost',
  });
  add({ name: 'root excludes the leaf', sent: [await leafOf(excludingRoot)], anchors: [excludingRoot] });
  // Names outside the SAN: a host-like CN without a DNS SAN, an emailAddress in the subject.
  const dotExample = await make({
    name: 'Dot Example',
    ca: true,
    issuer: ecRoot,
    nameConstraints: 'critical,permitted;DNS:.example.com,permitted;email:example.com',
  });
  add({
    name: 'CN outside the permitted names, no DNS SAN',
    sent: [await make({ name: 'evil.example.org', issuer: dotExample, san: null }), dotExample],
    anchors: [ecRoot],
  });
  add({
    name: 'CN with a trailing dot is not a host name to OpenSSL',
    sent: [await make({ name: 'evil.example.org.', issuer: dotExample, san: null }), dotExample],
    anchors: [ecRoot],
  });
  add({
    name: 'CN inside the permitted names, no DNS SAN',
    sent: [await make({ name: 'www.example.com', issuer: dotExample, san: null }), dotExample],
    anchors: [ecRoot],
  });
  add({
    name: 'subject emailAddress outside the permitted mail domain',
    sent: [
      await make({ name: 'x', issuer: dotExample, san: 'DNS:www.example.com', subjectEmail: 'bob@evil.org' }),
      dotExample,
    ],
    anchors: [ecRoot],
  });
  // A root's pathlen counts the CAs below it although the root itself is self-issued (25 at depth 3).
  const pathlenRoot = await make({ name: 'Pathlen 1 Root', ca: true, pathlen: 1, days: 3650 });
  const belowPathlenRoot = await make({ name: 'Below Pathlen Root', ca: true, issuer: pathlenRoot });
  const secondBelow = await make({ name: 'Second Below', ca: true, issuer: belowPathlenRoot });
  add({
    name: 'root pathlen 1 with two intermediates',
    sent: [await leafOf(secondBelow), secondBelow, belowPathlenRoot],
    anchors: [pathlenRoot],
  });
  add({
    name: 'leaf whose nsCertType is client only',
    sent: [await leafOf(ecInt, { extraExtension: 'nsCertType=client' }), ecInt],
    anchors: [ecRoot],
  });
  add({
    name: 'leaf whose nsCertType includes server',
    sent: [await leafOf(ecInt, { extraExtension: 'nsCertType=server,client' }), ecInt],
    anchors: [ecRoot],
  });
  // OpenSSL's own trust settings on the root (TRUSTED CERTIFICATE): 28 unless serverAuth is trusted.
  const ecLeaf = await leafOf(ecInt);
  for (const settings of [
    ['-addreject', 'serverAuth'],
    ['-addtrust', 'clientAuth'],
    ['-addtrust', 'serverAuth'],
  ])
    add({
      name: `root as TRUSTED CERTIFICATE ${settings.join(' ')}`,
      sent: [ecLeaf, ecInt],
      anchors: [await withTrustSettings(ecRoot, settings)],
    });
  // Two intermediates of one name and key, the first sent expired: OpenSSL takes the valid one.
  const oldInt = await make({ name: 'Twin', ca: true, issuer: ecRoot, fromDays: -400, days: 30 });
  const newInt = await make({ name: 'Twin', ca: true, issuer: ecRoot, keyOf: oldInt });
  add({
    name: 'an expired and a valid twin intermediate',
    sent: [await leafOf(newInt), oldInt, newInt],
    anchors: [ecRoot],
  });
  const oldRoot = await make({ name: 'Twin Root', ca: true, fromDays: -400, days: 30 });
  const newRoot = await make({ name: 'Twin Root', ca: true, days: 3650, keyOf: oldRoot });
  add({
    name: 'an expired and a valid twin root',
    sent: [await leafOf(newRoot)],
    anchors: [oldRoot, newRoot],
  });
  // 40 intermediates: within OpenSSL's depth of 100.
  let deep = ecRoot;
  const deepChain: Made[] = [];
  for (let i = 0; i < 40; i++) {
    deep = await make({ name: `Deep ${i}`, ca: true, issuer: deep });
    deepChain.unshift(deep);
  }
  add({ name: '40 intermediates', sent: [await leafOf(deep), ...deepChain], anchors: [ecRoot] });
  for (const eku of ['nsSGC', 'msSGC']) {
    const sgcInt = await make({ name: `SGC ${eku}`, ca: true, issuer: ecRoot, extendedKeyUsage: eku });
    add({
      name: `${eku} extended key usage`,
      sent: [await leafOf(sgcInt, { extendedKeyUsage: eku }), sgcInt],
      anchors: [ecRoot],
    });
  }
  // Policy constraints: OpenSSL evaluates policies only with -policy_check.
  const explicitPolicy = await make({
    name: 'Explicit Policy',
    ca: true,
    issuer: ecRoot,
    extraExtension: 'policyConstraints=critical,requireExplicitPolicy:0',
  });
  add({
    name: 'requireExplicitPolicy, no policies',
    sent: [await leafOf(explicitPolicy), explicitPolicy],
    anchors: [ecRoot],
  });
  const noMapping = await make({
    name: 'No Mapping',
    ca: true,
    issuer: ecRoot,
    extraExtension:
      'policyConstraints=critical,inhibitPolicyMapping:0,requireExplicitPolicy:0\ncertificatePolicies=1.2.3.4',
  });
  add({
    name: 'inhibitPolicyMapping and a policy the CA does not have',
    sent: [await leafOf(noMapping, { extraExtension: 'certificatePolicies=1.2.3.5' }), noMapping],
    anchors: [ecRoot],
  });
  // keyUsage keyCertSign and no basicConstraints: a CA as the root (check_ca 4), not as an intermediate.
  const kuOnlyRoot = await make({ name: 'KU Only Root', ca: true, noBasicConstraints: true, days: 3650 });
  const underKuOnly = await make({ name: 'Under KU Only', ca: true, issuer: kuOnlyRoot });
  add({
    name: 'root with keyUsage and no basicConstraints',
    sent: [await leafOf(underKuOnly), underKuOnly],
    anchors: [kuOnlyRoot],
  });
  const kuOnlyInt = await make({ name: 'KU Only Int', ca: true, noBasicConstraints: true, issuer: ecRoot });
  add({
    name: 'intermediate with keyUsage and no basicConstraints',
    sent: [await leafOf(kuOnlyInt), kuOnlyInt],
    anchors: [ecRoot],
    exactErrors: true,
  });
}, 600_000);

describe('a corpus of chains made by openssl, judged as openssl verify judges them', () => {
  it('has at least 40 chains', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it('gives every chain the verdict and the errors (number and depth, in order) that openssl verify gives', async () => {
    const mismatches: string[] = [];
    for (const [index, c] of cases.entries()) {
      const files = {
        sent: join(dir, `case-${index}-sent.pem`),
        leaf: join(dir, `case-${index}-leaf.pem`),
        untrusted: join(dir, `case-${index}-untrusted.pem`),
        ca: join(dir, `case-${index}-ca.pem`),
      };
      await writeFile(files.sent, c.sent.map((m) => m.pem).join(''));
      await writeFile(files.leaf, c.sent[0]!.pem);
      await writeFile(
        files.untrusted,
        c.sent
          .slice(1)
          .map((m) => m.pem)
          .join(''),
      );
      await writeFile(files.ca, c.anchors.map((m) => m.pem).join(''));
      const reference = await opensslVerify(c, files);
      const report = await inspectTls({
        target: files.sent,
        caFile: c.anchors.length > 0 ? files.ca : undefined,
        host: c.host,
        timeoutMs: 5000,
      });
      const chain = report.chains[0]!;
      const ours = chain.trust.errors.map((e) => `${e.code}@${e.depth}`);
      // openssl verify stops at some errors; every one it prints must be ours, in its order.
      if (
        chain.trust.verified !== reference.ok ||
        ours.slice(0, reference.errors.length).join() !== reference.errors.join()
      )
        mismatches.push(
          `${c.name}: openssl ${reference.ok ? 'OK' : reference.errors.join(' ')}; suite ${chain.trust.verified ? 'OK' : ours.join(' ')}`,
        );
      if (c.verdict && chain.verdict !== c.verdict)
        mismatches.push(`${c.name}: verdict ${chain.verdict}, not ${c.verdict}`);
      if (c.exactErrors && ours.join() !== reference.errors.join())
        mismatches.push(`${c.name}: openssl ${reference.errors.join(' ')}; suite ${ours.join(' ')}`);
      if (reference.ok && chain.verdict !== 'verified' && chain.verdict !== 'renew-soon')
        mismatches.push(`${c.name}: verified, but the verdict is ${chain.verdict}`);
      for (const kind of c.warnings ?? [])
        if (!chain.warnings.some((warning) => warning.kind === kind))
          mismatches.push(`${c.name}: no ${kind} warning`);
      if (c.note && !chain.sentNotes.some((note) => c.note!.test(note)))
        mismatches.push(`${c.name}: no note matching ${c.note}`);
    }
    expect(mismatches).toEqual([]);
  }, 600_000);
});
