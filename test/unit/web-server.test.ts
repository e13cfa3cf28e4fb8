import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/tools/handlers.ts';
import { startWebServer } from '../../src-main/web/server.ts';
import type { WebServer } from '../../src-main/web/server.ts';
import { rawRequest } from '../support/http.ts';
import { tempDir } from '../support/temp.ts';

let web: WebServer;
let port: number;
let aborted: Promise<void>;
let signalAborted: () => void;

beforeAll(async () => {
  aborted = new Promise((resolve) => (signalAborted = resolve));
  const handlers = createHandlers('browser', {
    overrides: {
      // A slow call that streams progress and ends only when cancelled: exercises the transport itself.
      'files.list': async (_input, { signal, progress }) => {
        progress({ step: 1 } as never);
        await new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        signalAborted();
        throw new Error('cancelled');
      },
    },
  });
  // A renderer root of its own: the page served is what matters here, not the build.
  const rendererRoot = await tempDir('renderer');
  await writeFile(join(rendererRoot, 'index.html'), '<!doctype html><title>t</title>');
  web = await startWebServer({ handlers, rendererRoot });
  port = Number(new URL(web.origin).port);
});

afterAll(() => web.close());

const good = () => ({
  Host: `127.0.0.1:${port}`,
  Authorization: `Bearer ${web.token}`,
  'Content-Type': 'application/json',
});

describe('browser mode server', () => {
  it('prints a URL on 127.0.0.1 with the token in the fragment', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{20,}$/);
    expect(web.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('answers a channel with the right token', async () => {
    const res = await rawRequest(port, {
      method: 'POST',
      path: '/api/app.info',
      headers: good(),
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { face: 'browser' } });
  });

  it('refuses a call without a token with 401, before routing', async () => {
    const headers = { Host: `127.0.0.1:${port}` };
    const known = await rawRequest(port, { method: 'POST', path: '/api/app.info', headers, body: '{}' });
    const unknown = await rawRequest(port, {
      method: 'POST',
      path: '/api/no.such.channel',
      headers,
      body: '{}',
    });
    expect(known.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(known.body).not.toContain('"face"');
  });

  it('refuses a wrong token and a token of another scheme', async () => {
    for (const authorization of [`Bearer ${web.token}x`, `Basic ${web.token}`, `Bearer`, web.token]) {
      const res = await rawRequest(port, {
        method: 'POST',
        path: '/api/app.info',
        headers: { ...good(), Authorization: authorization },
      });
      expect(res.status, authorization).toBe(401);
    }
  });

  it('refuses a foreign Host (DNS rebinding) for the page and the API, token or not', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `localhost:${port}`,
      `127.0.0.1:${port + 1}`,
    ]) {
      const page = await rawRequest(port, { path: '/', headers: { Host: host } });
      const api = await rawRequest(port, {
        method: 'POST',
        path: '/api/app.info',
        headers: { ...good(), Host: host },
      });
      expect(page.status, host).toBe(421);
      expect(api.status, host).toBe(421);
    }
  });

  it('refuses a request with no Host at all', async () => {
    const res = await rawRequest(port, { path: '/', noHost: true });
    // Node's parser itself answers 400 to HTTP/1.1 without Host; either way nothing is served.
    expect([400, 421]).toContain(res.status);
    expect(res.body).not.toContain('<html');
  });

  it('refuses a foreign Origin even with the token', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${port}`, 'null']) {
      const res = await rawRequest(port, {
        method: 'POST',
        path: '/api/app.info',
        headers: { ...good(), Origin: origin },
      });
      expect(res.status, origin).toBe(403);
    }
    const same = await rawRequest(port, {
      method: 'POST',
      path: '/api/app.info',
      headers: { ...good(), Origin: web.origin },
      body: '{}',
    });
    expect(same.status).toBe(200);
  });

  it('serves the page with a strict CSP and nothing outside the renderer', async () => {
    const page = await rawRequest(port, { path: '/', headers: { Host: `127.0.0.1:${port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const traversal = await rawRequest(port, {
      path: '/..%2f..%2fpackage.json',
      headers: { Host: `127.0.0.1:${port}` },
    });
    expect(traversal.status).toBe(404);
  });

  it('answers malformed JSON with a clear error', async () => {
    const res = await rawRequest(port, {
      method: 'POST',
      path: '/api/app.info',
      headers: good(),
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'Request body is not valid JSON.' },
    });
  });

  it('streams progress as server-sent events and cancels when the client goes away', async () => {
    const firstEvent = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/files.list',
          headers: { ...good(), Accept: 'text/event-stream' },
        },
        (res) => {
          expect(res.headers['content-type']).toBe('text/event-stream');
          res.setEncoding('utf8').once('data', (chunk: string) => {
            resolve(chunk);
            req.destroy();
          });
        },
      );
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end('{}');
    });
    expect(firstEvent).toBe('event: progress\ndata: {"step":1}\n\n');
    await aborted;
  });

  it('does not listen on any other interface', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && !address.internal);
    for (const address of others) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address!.address, port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused, address!.address).toBe(true);
    }
  });
});
