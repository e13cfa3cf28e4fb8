import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectTls } from '../../../src-main/tools/inspect/tls/inspect-tls.ts';
import { issuerName } from '../../../src-main/tools/inspect/tls/describe-chain.ts';
import { DAYS, issue } from '../../support/test-pki.ts';
import type { Issued } from '../../support/test-pki.ts';
import { tempDir } from '../../support/temp.ts';

let dir: string;
let root: Issued;
let intermediate: Issued;
let valid: Issued;
let expired: Issued;
const servers: Server[] = [];
const sockets = new Set<{ destroy(): void }>();

/** Keeps every connection of a test server, so the end of the tests can cut them. */
function track(server: Server): void {
  servers.push(server);
  server.on('connection', (socket) => sockets.add(socket));
}

/** A TLS server on 127.0.0.1 that presents leaf + intermediate; returns its port. */
async function serve(leaf: Issued): Promise<number> {
  const server = createTlsServer({ key: leaf.keyPem, cert: leaf.pem + intermediate.pem }, (socket) =>
    socket.end(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  track(server);
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  dir = await tempDir('tls');
  root = await issue({ name: 'Suite Test Root', ca: true, days: 3650 });
  intermediate = await issue({ name: 'Suite Test Intermediate', ca: true, issuer: root, days: 1000 });
  valid = await issue({
    name: 'localhost',
    issuer: intermediate,
    dns: ['localhost'],
    ips: ['127.0.0.1'],
    days: 20,
  });
  expired = await issue({
    name: 'localhost',
    issuer: intermediate,
    dns: ['localhost'],
    ips: ['127.0.0.1'],
    from: Date.now() - 100 * DAYS,
    days: 30,
  });
  await writeFile(join(dir, 'root.pem'), root.pem);
  await writeFile(join(dir, 'chain.pem'), valid.pem + intermediate.pem);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('a live host on 127.0.0.1', () => {
  it('shows the chain, warns under 30 days, and verifies against the CA it is given', async () => {
    const port = await serve(valid);
    const report = await inspectTls({
      target: `127.0.0.1:${port}`,
      caFile: join(dir, 'root.pem'),
      timeoutMs: 5000,
    });
    expect(report.source).toBe('host');
    expect(report.chain.map((c) => c.commonName)).toEqual(['localhost', 'Suite Test Intermediate']);
    expect(report.chain[0]).toMatchObject({
      status: 'expiring',
      daysLeft: 18,
      keyType: 'EC',
      keySize: 'prime256v1',
      signatureAlgorithm: 'ecdsa-with-SHA256',
      sans: ['DNS:localhost', 'IP Address:127.0.0.1'],
    });
    expect(report.chain[0]!.sha256).toBe(
      valid.certificate.rawData &&
        (await import('node:crypto'))
          .createHash('sha256')
          .update(Buffer.from(valid.certificate.rawData))
          .digest('hex')
          .toUpperCase()
          .replace(/(..)(?!$)/g, '$1:'),
    );
    expect(report.trust).toEqual({
      verified: true,
      message: 'The chain verifies up to Suite Test Root (from the extra CA file).',
    });
    expect(report.hostname).toEqual({ name: '127.0.0.1', matches: true });
    expect(report.flagged).toBe(true);
  });

  it('does not trust a private CA the system does not know', async () => {
    const port = await serve(valid);
    const report = await inspectTls({ target: `127.0.0.1:${port}`, timeoutMs: 5000 });
    expect(report.trust.verified).toBe(false);
    expect(report.trust.message).toBe(
      'No trusted root issued the last certificate (issuer: Suite Test Root); an intermediate may be missing.',
    );
  });

  it('flags an expired certificate', async () => {
    const port = await serve(expired);
    const report = await inspectTls({
      target: `127.0.0.1:${port}`,
      caFile: join(dir, 'root.pem'),
      timeoutMs: 5000,
    });
    expect(report.chain[0]).toMatchObject({ status: 'expired', daysLeft: -70 });
    expect(report.trust.verified).toBe(false);
    expect(report.trust.message).toBe('Certificate 1 (localhost) is outside its validity period.');
  });

  it('flags a certificate for another host name', async () => {
    const other = await issue({
      name: 'other.example',
      issuer: intermediate,
      dns: ['other.example'],
      days: 200,
    });
    const port = await serve(other);
    const report = await inspectTls({
      target: `127.0.0.1:${port}`,
      caFile: join(dir, 'root.pem'),
      timeoutMs: 5000,
    });
    expect(report.hostname).toEqual({ name: '127.0.0.1', matches: false });
    expect(report.flagged).toBe(true);
  });

  it('says clearly when nothing listens, and when the host never answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(inspectTls({ target: `127.0.0.1:${port}`, timeoutMs: 2000 })).rejects.toThrow(
      `127.0.0.1:${port} refused the connection (nothing listens on that port).`,
    );
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    track(silent);
    const silentPort = (silent.address() as { port: number }).port;
    await expect(inspectTls({ target: `127.0.0.1:${silentPort}`, timeoutMs: 500 })).rejects.toThrow(
      `127.0.0.1:${silentPort} did not complete a TLS handshake within 0.5 s.`,
    );
  });
});

describe('certificate files', () => {
  it('reads PEM, DER and PKCS#7 the same way', async () => {
    execFileSync('openssl', [
      'x509',
      '-in',
      join(dir, 'chain.pem'),
      '-outform',
      'DER',
      '-out',
      join(dir, 'leaf.der'),
    ]);
    execFileSync('openssl', [
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      join(dir, 'chain.pem'),
      '-outform',
      'DER',
      '-out',
      join(dir, 'chain.p7b'),
    ]);
    execFileSync('openssl', [
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      join(dir, 'chain.pem'),
      '-out',
      join(dir, 'chain.p7b.pem'),
    ]);
    const pem = await inspectTls({
      target: join(dir, 'chain.pem'),
      caFile: join(dir, 'root.pem'),
      timeoutMs: 1000,
    });
    const der = await inspectTls({ target: join(dir, 'leaf.der'), timeoutMs: 1000 });
    const p7b = await inspectTls({
      target: join(dir, 'chain.p7b'),
      caFile: join(dir, 'root.pem'),
      timeoutMs: 1000,
    });
    const p7bPem = await inspectTls({
      target: join(dir, 'chain.p7b.pem'),
      caFile: join(dir, 'root.pem'),
      timeoutMs: 1000,
    });
    expect([pem.format, der.format, p7b.format, p7bPem.format]).toEqual([
      'PEM',
      'DER',
      'PKCS#7 (DER)',
      'PKCS#7 (PEM)',
    ]);
    expect(der.chain[0]!.sha256).toBe(pem.chain[0]!.sha256);
    expect(p7b.chain.map((c) => c.sha256).sort()).toEqual(pem.chain.map((c) => c.sha256).sort());
    expect(pem.trust.verified).toBe(true);
  });

  it('reads a Kubernetes TLS Secret in YAML and JSON', async () => {
    const data = Buffer.from(valid.pem + intermediate.pem).toString('base64');
    await writeFile(
      join(dir, 'secret.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: tomcat-tls\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${data}\n  tls.key: ""\n`,
    );
    await writeFile(
      join(dir, 'secret.json'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        data: { 'tls.crt': data },
      }),
    );
    for (const file of ['secret.yaml', 'secret.json']) {
      const report = await inspectTls({
        target: join(dir, file),
        caFile: join(dir, 'root.pem'),
        timeoutMs: 1000,
      });
      expect([report.source, report.chain.length, report.trust.verified]).toEqual([
        'kubernetes-secret',
        2,
        true,
      ]);
    }
  });

  it('refuses what is not a certificate, naming the file', async () => {
    await writeFile(join(dir, 'notes.txt'), 'just some text');
    await writeFile(join(dir, 'key.pem'), valid.keyPem);
    await expect(inspectTls({ target: join(dir, 'notes.txt'), timeoutMs: 1000 })).rejects.toThrow(
      `${join(dir, 'notes.txt')} is not a certificate (PEM, DER or PKCS#7) nor a Kubernetes TLS Secret.`,
    );
    await expect(inspectTls({ target: join(dir, 'key.pem'), timeoutMs: 1000 })).rejects.toThrow(
      'holds a private key, not a certificate',
    );
    await expect(inspectTls({ target: join(dir, 'missing.pem'), timeoutMs: 1000 })).rejects.toThrow(
      'is neither a file nor host:port',
    );
  });

  it("names Let's Encrypt issuers", () => {
    expect(issuerName("C=US\nO=Let's Encrypt\nCN=R11")).toBe("Let's Encrypt (R11)");
    expect(issuerName('C=US\nO=Internet Security Research Group\nCN=ISRG Root X1')).toBe(
      "Let's Encrypt (ISRG Root X1)",
    );
  });
});
