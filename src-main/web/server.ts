import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Outcome } from '../contract/errors.ts';
import { CONTENT_SECURITY_POLICY_HEADER } from '../core/csp.ts';
import { dispatch } from '../core/dispatch.ts';
import type { Handlers } from '../core/handlers.ts';
import { checkRequest } from './request-guard.ts';
import { readStaticFile } from './static-files.ts';

const MAX_BODY_BYTES = 1024 * 1024;
const LOOPBACK = '127.0.0.1';

export interface WebServer {
  url: string;
  origin: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export interface WebServerOptions {
  handlers: Handlers;
  rendererRoot: string;
  port?: number;
  token?: string;
}

/** Browser mode: the built renderer and every channel over HTTP, on loopback only, behind a token. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let origin = '';
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'text/plain', 'Internal error.'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = checkRequest(req, origin, token);
    if (refusal)
      return sendJson(res, refusal.status, {
        ok: false,
        error: { code: 'FORBIDDEN', message: refusal.message },
      });
    const path = new URL(req.url ?? '/', origin).pathname;
    if (path.startsWith('/api/')) return handleApi(req, res, path.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'Method not allowed.');
    const file = await readStaticFile(options.rendererRoot, path);
    if (!file) return send(res, 404, 'text/plain', 'Not found.');
    send(res, 200, file.contentType, file.body);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, failure('BAD_INPUT', 'Use POST.'));
    const body = await readBody(req);
    if (body === null) return sendJson(res, 413, failure('BAD_INPUT', 'Request body too large.'));
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, failure('BAD_INPUT', 'Request body is not valid JSON.'));
    }
    const controller = new AbortController();
    // A closed connection is how the page cancels: it aborts its fetch.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const streaming = (req.headers.accept ?? '').includes('text/event-stream');
    if (streaming) {
      res.writeHead(200, {
        ...baseHeaders(),
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
      });
      res.flushHeaders();
    }
    const outcome = await dispatch(options.handlers, channel, input, {
      signal: controller.signal,
      progress: (event) => {
        if (streaming && !res.writableEnded) res.write(`event: progress\ndata: ${JSON.stringify(event)}\n\n`);
      },
    });
    if (streaming) res.end(`event: result\ndata: ${JSON.stringify(outcome)}\n\n`);
    else sendJson(res, 200, outcome);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${LOOPBACK}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    server,
    // Requests under way (a settings save) finish first; connections still open after 2 s are cut.
    close: () =>
      new Promise((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

function failure(code: 'BAD_INPUT', message: string): Outcome<never> {
  return { ok: false, error: { code, message } };
}

function baseHeaders(): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  const headers: Record<string, string> = { ...baseHeaders(), 'Content-Type': contentType };
  if (contentType.startsWith('text/html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY_HEADER;
    headers['Cache-Control'] = 'no-store';
  }
  res.writeHead(status, headers);
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, {
    ...baseHeaders(),
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
