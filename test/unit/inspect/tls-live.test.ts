import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostPort } from '../../../src-main/tools/inspect/tls/connect-host.ts';
import { inspectTlsBatch } from '../../../src-main/tools/inspect/tls/inspect-batch.ts';
import { inspectTls } from '../../../src-main/tools/inspect/tls/inspect-tls.ts';
import { tempDir } from '../../support/temp.ts';
import { OpensslPki } from '../../support/test-pki.ts';
import type { Made } from '../../support/test-pki.ts';

let dir: string;
let root: Made;
let intermediate: Made;
let good: Made;
let expired: Made;
let other: Made;
let rsa1024: Made;
let sha1: Made;
let weakIntermediate: Made;
let underWeak: Made;
let excludingRoot: Made;
let underExcludingRoot: Made;
const children: ChildProcess[] = [];
const servers: Server[] = [];

/** `openssl s_server` on 127.0.0.1 sending `cert` then `chain` in that order; resolves its port. */
async function sServer(
  cert: Made,
  chain: Made[],
  extra: string[] = [],
  address = '127.0.0.1',
): Promise<number> {
  const chainFile = join(dir, `chain-${children.length}.pem`);
  await writeFile(chainFile, chain.map((m) => m.pem).join(''));
  const child = spawn(
    'openssl',
    [
      's_server',
      '-accept',
      `${address.includes(':') ? `[${address}]` : address}:0`,
      '-cert',
      cert.certFile,
      '-key',
      cert.keyFile,
      ...(chain.length ? ['-cert_chain', chainFile] : []),
      ...extra,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /ACCEPT \S*:(\d+)/.exec(output)?.[1];
      if (port) resolve(Number(port));
    });
    child.once('exit', (code) => reject(new Error(`s_server exited ${code}: ${output}`)));
  });
}

/** `openssl s_client` against the port: the certificates it shows as sent, and its verify errors. */
function sClient(port: number, args: string[]): Promise<{ sent: string[]; errors: number[] }> {
  const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-showcerts', ...args]);
  child.stdin.end();
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) =>
    child.once('close', () =>
      resolve({
        sent: [...output.matchAll(/^ \d+ s:.*CN = ([^,\n]+)/gm)].map((match) => match[1]!.trim()),
        errors: [...output.matchAll(/verify error:num=(\d+)/g)].map((match) => Number(match[1])),
      }),
    ),
  );
}

beforeAll(async () => {
  dir = await tempDir('tls-live');
  const pki = new OpensslPki(dir);
  root = await pki.issue({ name: 'Live Root', ca: true, days: 3650, fromDays: -10 });
  intermediate = await pki.issue({ name: 'Live Intermediate', ca: true, issuer: root, days: 1000 });
  good = await pki.issue({
    name: 'localhost',
    issuer: intermediate,
    days: 60,
    extendedKeyUsage: 'serverAuth',
  });
  expired = await pki.issue({ name: 'localhost', issuer: intermediate, fromDays: -90, days: 30 });
  other = await pki.issue({
    name: 'other.test',
    issuer: intermediate,
    san: 'DNS:other.test',
    key: 'ed25519',
  });
  rsa1024 = await pki.issue({
    name: 'localhost',
    key: 'rsa1024',
    issuer: intermediate,
    extendedKeyUsage: 'serverAuth',
  });
  sha1 = await pki.issue({ name: 'localhost', key: 'rsa2048', issuer: intermediate, digest: 'sha1' });
  weakIntermediate = await pki.issue({ name: 'Weak Intermediate', key: 'rsa1024', ca: true, issuer: root });
  underWeak = await pki.issue({ name: 'localhost', issuer: weakIntermediate });
  await writeFile(join(dir, 'root.pem'), root.pem);
  excludingRoot = await pki.issue({
    name: 'Live Excluding Root',
    ca: true,
    days: 3650,
    nameConstraints: 'critical,excluded;DNS:localhost',
  });
  underExcludingRoot = await pki.issue({ name: 'localhost', issuer: excludingRoot });
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('live servers (openssl s_server on 127.0.0.1), judged as openssl s_client judges them', () => {
  const cases: {
    name: string;
    cert: () => Made;
    chain: () => Made[];
    flags: string[];
    sni?: string;
    host?: string;
    /** The trusted root (the Live Root when absent). */
    ca?: () => Made;
  }[] = [
    {
      name: 'TLS 1.2, another host name',
      cert: () => good,
      chain: () => [intermediate],
      flags: ['-tls1_2'],
      host: 'wrong.test',
    },
    {
      name: 'TLS 1.3, leaf and intermediate',
      cert: () => good,
      chain: () => [intermediate],
      flags: ['-tls1_3'],
    },
    {
      name: 'TLS 1.2, leaf and intermediate',
      cert: () => good,
      chain: () => [intermediate],
      flags: ['-tls1_2'],
    },
    {
      name: 'TLS 1.3, out of order with the root',
      cert: () => good,
      chain: () => [root, intermediate],
      flags: ['-tls1_3'],
    },
    {
      name: 'TLS 1.2, out of order with the root',
      cert: () => good,
      chain: () => [root, intermediate],
      flags: ['-tls1_2'],
    },
    // The server allows weak keys (SECLEVEL=0); the client judges them (66 to 68) as s_client does.
    {
      name: 'TLS 1.3, RSA 1024 leaf',
      cert: () => rsa1024,
      chain: () => [intermediate],
      flags: ['-tls1_3', '-cipher', 'DEFAULT:@SECLEVEL=0'],
    },
    {
      name: 'TLS 1.2, SHA-1 signed leaf',
      cert: () => sha1,
      chain: () => [intermediate],
      flags: ['-tls1_2', '-cipher', 'DEFAULT:@SECLEVEL=0'],
    },
    {
      name: 'TLS 1.3, RSA 1024 intermediate',
      cert: () => underWeak,
      chain: () => [weakIntermediate],
      flags: ['-tls1_3', '-cipher', 'DEFAULT:@SECLEVEL=0'],
    },
    {
      name: 'TLS 1.3, ChaCha20-Poly1305 after a HelloRetryRequest (server wants P-384)',
      cert: () => good,
      chain: () => [intermediate],
      flags: ['-tls1_3', '-ciphersuites', 'TLS_CHACHA20_POLY1305_SHA256', '-groups', 'P-384'],
    },
    {
      name: 'TLS 1.3, AES-128-GCM',
      cert: () => good,
      chain: () => [intermediate, root],
      flags: ['-tls1_3', '-ciphersuites', 'TLS_AES_128_GCM_SHA256'],
    },
    {
      name: 'TLS 1.3, a trusted root whose name constraints exclude the leaf',
      cert: () => underExcludingRoot,
      chain: () => [],
      flags: ['-tls1_3'],
      ca: () => excludingRoot,
    },
    { name: 'TLS 1.3, the leaf alone', cert: () => good, chain: () => [], flags: ['-tls1_3'] },
    { name: 'TLS 1.3, expired leaf', cert: () => expired, chain: () => [intermediate], flags: ['-tls1_3'] },
    {
      name: 'TLS 1.3, SNI picks another certificate',
      cert: () => good,
      chain: () => [intermediate],
      flags: ['-tls1_3'],
      sni: 'other.test',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: the same sent list and the same errors`, async () => {
      const sniFlags = c.sni ? ['-servername', c.sni, '-cert2', other.certFile, '-key2', other.keyFile] : [];
      const port = await sServer(c.cert(), c.chain(), [
        ...c.flags,
        ...sniFlags,
        ...(c.sni ? ['-chainCAfile', join(dir, 'root.pem')] : []),
      ]);
      const name = c.host ?? c.sni ?? 'localhost';
      const caFile = c.ca ? c.ca().certFile : join(dir, 'root.pem');
      const reference = await sClient(port, [
        '-CAfile',
        caFile,
        '-verify_hostname',
        name,
        ...(c.sni ? ['-servername', c.sni] : []),
      ]);
      const report = await inspectTls({
        target: `127.0.0.1:${port}`,
        caFile,
        host: name,
        servername: c.sni,
        timeoutMs: 20_000,
      });
      const chain = report.chains[0]!;
      expect(chain.sent.map((certificate) => certificate.commonName)).toEqual(reference.sent);
      expect(chain.trust.errors.map((e) => e.code)).toEqual(reference.errors);
      expect(chain.servername).toBe(c.sni ?? null);
    }, 60_000);
  }

  it('names what is wrong with the order and contents of the sent list', async () => {
    const port = await sServer(good, [root, intermediate], ['-tls1_3']);
    const report = await inspectTls({
      target: `127.0.0.1:${port}`,
      caFile: join(dir, 'root.pem'),
      timeoutMs: 20_000,
    });
    const chain = report.chains[0]!;
    expect(chain.sent.map((c) => c.commonName)).toEqual(['localhost', 'Live Root', 'Live Intermediate']);
    expect(chain.path.map((c) => c.commonName)).toEqual(['localhost', 'Live Intermediate', 'Live Root']);
    expect(chain.sentNotes).toEqual([
      'Certificate 1 (Live Root) does not issue the one before it (localhost): the server sends the chain out of order.',
      'Certificate 1 (Live Root) is a root: clients use their own copy, sending it is useless.',
      'Certificate 2 (Live Intermediate) does not issue the one before it (Live Root): the server sends the chain out of order.',
    ]);
    expect(chain.verdict).toBe('verified');
  }, 60_000);

  it('reads [::1]:port, https://host:port/path and a bare host', async () => {
    expect(parseHostPort('[::1]:8443')).toEqual({ host: '::1', port: 8443 });
    expect(parseHostPort('::1')).toEqual({ host: '::1', port: 443 });
    expect(parseHostPort('https://example.org:8443/a/b?c')).toEqual({ host: 'example.org', port: 8443 });
    expect(parseHostPort('HTTPS://example.org')).toEqual({ host: 'example.org', port: 443 });
    expect(parseHostPort('example.org')).toEqual({ host: 'example.org', port: 443 });
    expect(parseHostPort('not a host')).toBeNull();
    expect(() => parseHostPort('example.org:70000')).toThrow('70000 is not a port (1 to 65535).');
    const port = await sServer(good, [intermediate], ['-tls1_3'], '::1');
    const report = await inspectTls({
      target: `[::1]:${port}`,
      caFile: join(dir, 'root.pem'),
      host: 'localhost',
      timeoutMs: 20_000,
    });
    expect([report.chains[0]!.verdict, report.chains[0]!.servername]).toEqual(['verified', null]);
  }, 60_000);

  it('checks a list of hosts in one run (ssl-cert-check -f format too), one row each', async () => {
    const first = await sServer(good, [intermediate], ['-tls1_3']);
    const second = await sServer(expired, [intermediate], ['-tls1_2']);
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const list = join(dir, 'hosts.txt');
    await writeFile(
      list,
      `# fleet\n127.0.0.1:${first}\n127.0.0.1 ${second}\n\n127.0.0.1:${closedPort}  # gone\n`,
    );
    const report = await inspectTlsBatch(
      { listFile: list, caFile: join(dir, 'root.pem'), timeoutMs: 20_000 },
      new AbortController().signal,
    );
    expect(report.rows.map((row) => [row.target, row.verdict, row.detail])).toEqual([
      [`127.0.0.1:${second}`, 'expired', 'error 10: certificate has expired'],
      [`127.0.0.1:${first}`, 'verified', ''],
      [
        `127.0.0.1:${closedPort}`,
        'error',
        `127.0.0.1:${closedPort} refused the connection (nothing listens on that port).`,
      ],
    ]);
  }, 60_000);

  it('still inspects a TLS 1.0 server, with a warning about its protocol', async () => {
    const port = await sServer(good, [intermediate], ['-tls1', '-cipher', 'DEFAULT:@SECLEVEL=0']);
    const report = await inspectTls({
      target: `127.0.0.1:${port}`,
      caFile: join(dir, 'root.pem'),
      timeoutMs: 20_000,
    });
    const chain = report.chains[0]!;
    expect([chain.format, chain.verdict]).toEqual(['TLSv1', 'verified']);
    expect(chain.warnings.map((warning) => warning.kind)).toContain('old-protocol');
  }, 60_000);

  it('says "not a TLS server" for a plain HTTP port, and accepts https:// addresses', async () => {
    const http = createHttpServer((_request, response) => response.end('hello'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    servers.push(http as unknown as Server);
    const port = (http.address() as { port: number }).port;
    await expect(inspectTls({ target: `https://127.0.0.1:${port}/path`, timeoutMs: 20_000 })).rejects.toThrow(
      `127.0.0.1:${port} is not a TLS server (it answered "HTTP/1.1 400 Bad Request").`,
    );
  }, 60_000);

  it('stops a handshake in flight when cancelled, and closes the connection', async () => {
    let connected!: () => void;
    const connection = new Promise<void>((resolve) => (connected = resolve));
    let closed!: () => void;
    const closing = new Promise<void>((resolve) => (closed = resolve));
    const silent = createTcpServer((socket) => {
      socket.on('close', closed);
      connected();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    servers.push(silent);
    const port = (silent.address() as { port: number }).port;
    const controller = new AbortController();
    const pending = inspectTls({ target: `127.0.0.1:${port}`, timeoutMs: 60_000 }, controller.signal);
    await connection;
    controller.abort();
    await expect(pending).rejects.toThrow('Cancelled.');
    await closing;
  }, 60_000);
});
