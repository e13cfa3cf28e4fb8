import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { connect as netConnect, createServer } from 'node:net';
import { connect } from 'node:tls';
import { lookup } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { isLoopback, takeRefusedAttempts } from '../network-guard.ts';

describe('network guard (setup file of every test process)', () => {
  it('refuses an HTTP request to a public address and records it', async () => {
    const error = await new Promise<Error>((resolve) => {
      request('http://192.0.2.1/', resolve as never)
        .on('error', resolve)
        .end();
    });
    expect(error.message).toMatch(/beyond loopback/);
    expect(takeRefusedAttempts()).toEqual(['a connection to 192.0.2.1']);
  });

  it('refuses TLS, fetch and name lookups beyond loopback', async () => {
    await expect(fetch('https://example.invalid/')).rejects.toThrow();
    await expect(lookup('example.com')).rejects.toThrow(/beyond loopback/);
    const socket = connect({ host: '198.51.100.7', port: 443 });
    await new Promise((resolve) => socket.on('error', resolve));
    expect(takeRefusedAttempts()).toEqual([
      'a connection to example.invalid',
      'a DNS lookup of example.com',
      'a connection to 198.51.100.7',
    ]);
  });

  it('lets loopback through, by address and by name', async () => {
    const server = createServer((socket) => socket.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const read = (host: string) =>
      new Promise<string>((resolve, reject) => {
        let text = '';
        netConnect({ host, port })
          .on('data', (chunk) => (text += chunk))
          .on('end', () => resolve(text))
          .on('error', reject);
      });
    expect(await read('127.0.0.1')).toBe('hello');
    expect(await read('localhost')).toBe('hello');
    server.close();
    expect(takeRefusedAttempts()).toEqual([]);
  });

  it('knows loopback by name and address only', () => {
    for (const host of ['localhost', '127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1', undefined])
      expect(isLoopback(host), String(host)).toBe(true);
    for (const host of ['10.0.0.1', '0.0.0.0', 'example.com', '::ffff:10.0.0.1', 'localhost.example.com'])
      expect(isLoopback(host), host).toBe(false);
  });

  it('applies to the Node programs a test starts, which say what they were refused', async () => {
    const child = spawnSync(
      process.execPath,
      ['-e', "fetch('http://203.0.113.9/').catch((error) => console.log(error.cause?.code))"],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).toContain('Test network guard: refused a connection to 203.0.113.9');
    expect(child.stdout.trim()).toBe('ENETUNREACH');
  });
});
