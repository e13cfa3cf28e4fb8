import { execFileSync } from 'node:child_process';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectTlsBatch } from '../../../src-main/tools/inspect/tls/inspect-batch.ts';
import { inspectTls } from '../../../src-main/tools/inspect/tls/inspect-tls.ts';
import { issuerName } from '../../../src-main/tools/inspect/tls/describe-chain.ts';
import { maximumValidityDays } from '../../../src-main/tools/inspect/tls/policy-warnings.ts';
import { runSuite } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';
import { OpensslPki } from '../../support/test-pki.ts';
import type { Made } from '../../support/test-pki.ts';

let dir: string;
let pki: OpensslPki;
let root: Made;
let intermediate: Made;
let leaf: Made;
const signal = new AbortController().signal;
const file = (name: string) => join(dir, name);
const base64 = (text: string) => Buffer.from(text).toString('base64');
const encryptedKeyPem = (keyPem: string) =>
  createPrivateKey(keyPem)
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' })
    .toString();

function secretYaml(name: string, data: Record<string, string>): string {
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    '  namespace: web',
    'type: kubernetes.io/tls',
    'data:',
    ...Object.entries(data).map(([key, value]) => `  ${key}: ${value}`),
    '',
  ].join('\n');
}

beforeAll(async () => {
  dir = await tempDir('tls');
  pki = new OpensslPki(dir);
  root = await pki.issue({ name: 'File Root', ca: true, days: 3650, fromDays: -10 });
  intermediate = await pki.issue({ name: 'File Intermediate', ca: true, issuer: root, days: 1000 });
  leaf = await pki.issue({
    name: 'localhost',
    issuer: intermediate,
    days: 90,
    extendedKeyUsage: 'serverAuth',
  });
  await writeFile(file('root.pem'), root.pem);
  await writeFile(file('chain.pem'), leaf.pem + intermediate.pem);
}, 120_000);

describe('certificate files', () => {
  it('reads PEM, DER and PKCS#7 alike, and checks a name given with --host', async () => {
    execFileSync('openssl', ['x509', '-in', file('chain.pem'), '-outform', 'DER', '-out', file('leaf.der')]);
    execFileSync('openssl', [
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      file('chain.pem'),
      '-outform',
      'DER',
      '-out',
      file('chain.p7b'),
    ]);
    execFileSync('openssl', [
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      file('chain.pem'),
      '-out',
      file('chain.p7b.pem'),
    ]);
    const formats: string[] = [];
    for (const name of ['chain.pem', 'chain.p7b', 'chain.p7b.pem']) {
      const report = await inspectTls({
        target: file(name),
        caFile: file('root.pem'),
        host: 'localhost',
        timeoutMs: 1000,
      });
      const chain = report.chains[0]!;
      formats.push(chain.format);
      expect(chain.verdict).toBe('verified');
      expect(chain.hostname).toEqual({ name: 'localhost', matches: true });
      expect(chain.path.map((c) => c.commonName)).toEqual(['localhost', 'File Intermediate', 'File Root']);
    }
    expect(formats).toEqual(['PEM', 'PKCS#7 (DER)', 'PKCS#7 (PEM)']);
    const der = await inspectTls({
      target: file('leaf.der'),
      caFile: file('root.pem'),
      host: 'example.org',
      timeoutMs: 1000,
    });
    expect(der.chains[0]!.format).toBe('DER');
    expect(der.chains[0]!.trust.errors.map((e) => [e.code, e.error])).toEqual([
      [20, 'unable to get local issuer certificate'],
      [62, 'hostname mismatch'],
      [21, 'unable to verify the first certificate'],
    ]);
  }, 60_000);

  it('refuses malformed input with one line each', async () => {
    const pem = leaf.pem.split('\n');
    pem[3] = pem[3]!.slice(0, 10) + '!!' + pem[3]!.slice(12);
    await writeFile(file('bad-base64.pem'), pem.join('\n'));
    const der = execFileSync('openssl', ['x509', '-in', leaf.certFile, '-outform', 'DER']);
    await writeFile(file('truncated.der'), der.subarray(0, der.length - 40));
    await writeFile(file('empty.pem'), '');
    await writeFile(file('key.pem'), leaf.keyPem);
    await writeFile(file('cut.pem'), leaf.pem.slice(0, 300));
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      leaf.certFile,
      '-inkey',
      leaf.keyFile,
      '-passout',
      'pass:x',
      '-out',
      file('bundle.p12'),
    ]);
    // Nothing but BEGIN lines, just under the size limit: refused in one pass, not minutes.
    await writeFile(file('begin-only.pem'), '-----BEGIN A-----\n'.repeat(500_000));
    await writeFile(file('random.bin'), randomBytes(9 * 1024 * 1024));
    const huge = await open(file('huge.bin'), 'w');
    await huge.truncate(50 * 1024 * 1024);
    await huge.close();
    const expectations: [string, string][] = [
      [
        'bad-base64.pem',
        `${file('bad-base64.pem')} (certificate 1) has bad base64 (a character outside the alphabet, or cut short).`,
      ],
      [
        'truncated.der',
        `${file('truncated.der')} is not a certificate (PEM, DER or PKCS#7) nor a Kubernetes TLS Secret.`,
      ],
      ['empty.pem', `${file('empty.pem')} is empty.`],
      ['key.pem', `${file('key.pem')} holds a private key, not a certificate.`],
      ['cut.pem', `${file('cut.pem')} has a PEM block that never ends (truncated).`],
      [
        'bundle.p12',
        `${file('bundle.p12')} is a PKCS#12 (.p12/.pfx) bundle: export its certificates first (openssl pkcs12 -in FILE -nokeys -out chain.pem).`,
      ],
      ['begin-only.pem', `${file('begin-only.pem')} has a PEM block that never ends (truncated).`],
      [
        'random.bin',
        `${file('random.bin')} is not a certificate (PEM, DER or PKCS#7) nor a Kubernetes TLS Secret.`,
      ],
      ['huge.bin', `${file('huge.bin')} is 50 MB: too large for a certificate file.`],
    ];
    for (const [name, message] of expectations) {
      const run = await runSuite(['inspect', 'tls', file(name)]);
      expect({
        name,
        code: run.code,
        stderr: run.stderr.trim().split('\n').length,
        stdout: run.stdout,
      }).toEqual({
        name,
        code: 2,
        stderr: 1,
        stdout: '',
      });
      expect(run.stderr).toContain(message);
    }
  }, 120_000);

  it('exits 1 and names OpenSSL errors with their numbers in --json', async () => {
    const notCa = await pki.issue({
      name: 'Not A CA',
      ca: false,
      issuer: intermediate,
      keyUsage: null,
      san: null,
    });
    const below = await pki.issue({ name: 'localhost', issuer: notCa });
    await writeFile(file('bad-chain.pem'), below.pem + notCa.pem + intermediate.pem);
    const run = await runSuite(['inspect', 'tls', file('bad-chain.pem'), '--ca', file('root.pem'), '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      chains: { verdict: string; trust: { errors: { code: number; depth: number; error: string }[] } }[];
    };
    expect(report.chains[0]!.verdict).toBe('untrusted');
    expect(report.chains[0]!.trust.errors.map((e) => `${e.code}@${e.depth} ${e.error}`)).toEqual([
      '79@1 invalid CA certificate',
      '26@1 unsuitable certificate purpose',
    ]);
    const good = await runSuite(['inspect', 'tls', file('chain.pem'), '--ca', file('root.pem')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('The chain verifies up to File Root');
  }, 60_000);
});

describe('renewal by the share of the lifetime left', () => {
  it('warns with a third left by default, or at a threshold in days or as a share', async () => {
    // 6-day certificate on its first day: fresh. 47-day certificate with 26 days left: fresh (55% left).
    const short = await pki.issue({ name: 'localhost', issuer: intermediate, fromDays: -1, days: 6 });
    const fortySeven = await pki.issue({ name: 'localhost', issuer: intermediate, fromDays: -21, days: 47 });
    const late = await pki.issue({ name: 'localhost', issuer: intermediate, fromDays: -70, days: 90 });
    const verdict = async (made: Made, renew?: { days?: number; share?: number }) => {
      await writeFile(file('renew.pem'), made.pem + intermediate.pem);
      const report = await inspectTls({
        target: file('renew.pem'),
        caFile: file('root.pem'),
        renew,
        timeoutMs: 1000,
      });
      return report.chains[0]!;
    };
    expect((await verdict(short)).verdict).toBe('verified');
    const chain = await verdict(fortySeven);
    expect([chain.verdict, chain.sent[0]!.daysLeft, chain.sent[0]!.lifetimeDays]).toEqual([
      'verified',
      25,
      47,
    ]);
    const due = await verdict(late);
    expect([due.verdict, due.sent[0]!.status, due.sent[0]!.daysLeft, due.sent[0]!.lifetimeDays]).toEqual([
      'renew-soon',
      'renew-soon',
      19,
      90,
    ]);
    expect((await verdict(fortySeven, { days: 30 })).verdict).toBe('renew-soon');
    expect((await verdict(late, { share: 0.1 })).verdict).toBe('verified');
    const cli = await runSuite([
      'inspect',
      'tls',
      file('renew.pem'),
      '--ca',
      file('root.pem'),
      '--renew',
      '3x',
    ]);
    expect([cli.code, cli.stderr.trim()]).toEqual([
      2,
      'suite inspect tls: --renew takes days (30d) or a share of the lifetime (33% or 0.33), not "3x".',
    ]);
  }, 60_000);

  it('knows the CA/B Forum maximum on each issue date', () => {
    expect(maximumValidityDays(new Date('2019-01-01'))).toBe(825);
    expect(maximumValidityDays(new Date('2025-06-01'))).toBe(398);
    expect(maximumValidityDays(new Date('2026-03-15'))).toBe(200);
    expect(maximumValidityDays(new Date('2027-04-01'))).toBe(100);
    expect(maximumValidityDays(new Date('2030-01-01'))).toBe(47);
  });
});

describe('Kubernetes Secrets', () => {
  it('checks every TLS Secret of a List, with its ca.crt as anchor and its key matched', async () => {
    const rsa = await pki.issue({ name: 'localhost', key: 'rsa2048', issuer: intermediate });
    const ed = await pki.issue({ name: 'localhost', key: 'ed25519', issuer: intermediate });
    const items = [
      secretYaml('ec-good', {
        'tls.crt': base64(leaf.pem + intermediate.pem),
        'tls.key': base64(leaf.keyPem),
        'ca.crt': base64(root.pem),
      }),
      secretYaml('rsa-good', {
        'tls.crt': base64(rsa.pem + intermediate.pem),
        'tls.key': base64(rsa.keyPem),
        'ca.crt': base64(root.pem),
      }),
      secretYaml('ed-wrong-key', {
        'tls.crt': base64(ed.pem + intermediate.pem),
        'tls.key': base64(rsa.keyPem),
        'ca.crt': base64(root.pem),
      }),
      secretYaml('no-ca', { 'tls.crt': base64(leaf.pem + intermediate.pem) }),
      secretYaml('encrypted-key', {
        'tls.crt': base64(leaf.pem + intermediate.pem),
        'tls.key': base64(encryptedKeyPem(leaf.keyPem)),
        'ca.crt': base64(root.pem),
      }),
    ];
    const opaque =
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: password\ntype: Opaque\ndata:\n  password: aHVudGVyMg==\n';
    const list = `apiVersion: v1\nkind: List\nitems:\n${[...items, opaque]
      .map((item) => `- ${item.trimEnd().split('\n').join('\n  ')}`)
      .join('\n')}\n`;
    await writeFile(file('list.yaml'), list);
    const report = await inspectTls({ target: file('list.yaml'), timeoutMs: 1000 });
    expect(report.chains.map((c) => [c.name, c.verdict, c.key?.matches ?? null, c.trust.anchor])).toEqual([
      ['web/ec-good', 'verified', true, 'the Secret’s ca.crt'],
      ['web/rsa-good', 'verified', true, 'the Secret’s ca.crt'],
      ['web/ed-wrong-key', 'key-mismatch', false, 'the Secret’s ca.crt'],
      ['web/no-ca', 'untrusted', null, null],
      // An encrypted key cannot be compared: not a mismatch, a key the suite cannot read.
      ['web/encrypted-key', 'unreadable-key', false, 'the Secret’s ca.crt'],
    ]);
    // kubectl get secret -o json for a selector: the same List in JSON.
    const jsonItem = (name: string, crt: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'api' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': base64(crt), 'ca.crt': base64(root.pem) },
    });
    await writeFile(
      file('list.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [jsonItem('a', leaf.pem + intermediate.pem), jsonItem('b', leaf.pem)],
      }),
    );
    const json = await inspectTls({ target: file('list.json'), timeoutMs: 1000 });
    expect(json.chains.map((c) => [c.name, c.verdict, c.trust.errors[0]?.code ?? null])).toEqual([
      ['api/a', 'verified', null],
      ['api/b', 'untrusted', 20],
    ]);
    const ed25519Pair = secretYaml('ed', { 'tls.crt': base64(ed.pem), 'tls.key': base64(ed.keyPem) });
    await writeFile(file('ed.yaml'), ed25519Pair);
    const edReport = await inspectTls({ target: file('ed.yaml'), caFile: file('root.pem'), timeoutMs: 1000 });
    expect(edReport.chains[0]!.key).toEqual({
      matches: true,
      readable: true,
      message: 'tls.key is the private key of the certificate.',
    });
  }, 60_000);

  it('refuses bad base64 in a Secret and a Secret without tls.crt, in one line', async () => {
    await writeFile(file('bad-secret.yaml'), secretYaml('bad', { 'tls.crt': 'not*base64' }));
    await writeFile(
      file('opaque.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  a: YQ==\n',
    );
    await expect(inspectTls({ target: file('bad-secret.yaml'), timeoutMs: 1000 })).rejects.toThrow(
      `${file('bad-secret.yaml')} (Secret web/bad) tls.crt has bad base64`,
    );
    await expect(inspectTls({ target: file('opaque.yaml'), timeoutMs: 1000 })).rejects.toThrow(
      `${file('opaque.yaml')} holds a Secret without tls.crt.`,
    );
  }, 60_000);
});

describe('a folder and a host list in one run', () => {
  it('gives one row each, soonest expiry first, and fails when any fails', async () => {
    const folder = file('fleet');
    await mkdir(folder);
    const soon = await pki.issue({
      name: 'soon',
      issuer: intermediate,
      fromDays: -80,
      days: 90,
      san: 'DNS:soon',
    });
    const later = await pki.issue({ name: 'later', issuer: intermediate, days: 300, san: 'DNS:later' });
    await writeFile(join(folder, 'later.pem'), later.pem + intermediate.pem);
    await writeFile(join(folder, 'soon.crt'), soon.pem + intermediate.pem);
    await writeFile(join(folder, 'broken.pem'), 'garbage');
    await writeFile(join(folder, 'notes.txt'), 'not a certificate name');
    const report = await inspectTlsBatch({ folder, caFile: file('root.pem'), timeoutMs: 1000 }, signal);
    expect(report.rows.map((row) => [row.target, row.verdict])).toEqual([
      [join(folder, 'soon.crt'), 'renew-soon'],
      [join(folder, 'later.pem'), 'verified'],
      [join(folder, 'broken.pem'), 'error'],
    ]);
    expect(report.flagged).toBe(true);
    const run = await runSuite(['inspect', 'tls', '--dir', folder, '--ca', file('root.pem')]);
    expect(run.code).toBe(1);
  }, 60_000);
});

describe('names', () => {
  it("names Let's Encrypt issuers", () => {
    expect(issuerName("C=US\nO=Let's Encrypt\nCN=R11")).toBe("Let's Encrypt (R11)");
  });
});
