import { X509Certificate } from 'node:crypto';
import { connect as connectTcp, isIP } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as connectTls } from 'node:tls';
import { SuiteError, cancelled } from '../../../core/suite-error.ts';
import { sentCertificates } from './handshake-records.ts';

export interface HostTarget {
  host: string;
  port: number;
}

export interface Handshake {
  protocol: string;
  servername: string | null;
  /** Exactly what the server sent, in its order. */
  sent: X509Certificate[];
}

/**
 * `host`, `host:port`, `[v6]:port`, `https://host[:port][/path]`; the port defaults to 443. Returns
 * null for text that is not an address at all.
 */
export function parseHostPort(target: string): HostTarget | null {
  const text = target
    .trim()
    .replace(/^https:\/\//i, '')
    .replace(/[/?#].*$/, '');
  const match =
    /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9_.-]+|[0-9a-fA-F]*:[0-9a-fA-F:.]*))(?::(\d{1,5}))?$/.exec(text);
  if (!match) return null;
  const host = match[1] ?? match[2]!;
  // A bare IPv6 address without brackets has no room for a port.
  if (!match[1] && host.includes(':')) {
    if (isIP(text) !== 6) return null;
    return { host: text, port: 443 };
  }
  const port = Number(match[3] ?? 443);
  if (port < 1 || port > 65535) throw new SuiteError('BAD_INPUT', `${match[3]} is not a port (1 to 65535).`);
  return { host, port };
}

const label = ({ host, port }: HostTarget) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/**
 * Connects without judging trust (that is done afterwards, on what was sent) and reads the server's
 * Certificate message from the raw bytes. The TLS socket runs over a stream that copies each byte the
 * server sends; nothing is written to the server but the handshake.
 */
export function handshake(
  target: HostTarget,
  options: { servername?: string | undefined; timeoutMs: number; signal: AbortSignal },
): Promise<Handshake> {
  const name = label(target);
  if (options.signal.aborted) return Promise.reject(cancelled());
  const servername = options.servername ?? (isIP(target.host) ? null : target.host);
  return new Promise((resolve, reject) => {
    const fromServer: Buffer[] = [];
    const tcp = connectTcp({ host: target.host, port: target.port });
    const pipe = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        tcp.write(chunk, callback);
      },
      final(callback) {
        tcp.end();
        callback();
      },
    });
    tcp.on('data', (chunk: Buffer) => {
      fromServer.push(chunk);
      pipe.push(chunk);
    });
    tcp.on('end', () => pipe.push(null));
    tcp.on('error', (error) => pipe.destroy(error));
    const socket = connectTls({
      socket: pipe,
      ...(servername ? { servername } : {}),
      rejectUnauthorized: false,
      // Level 0: connect to whatever the server offers, so a weak key or digest is seen and named
      // (errors 66 to 68) instead of ending the handshake.
      ciphers: 'DEFAULT:@SECLEVEL=0',
      // An old server (TLS 1.0, 1.1) is still inspected; its protocol is shown with the verdict.
      minVersion: 'TLSv1',
      ALPNProtocols: ['http/1.1'],
    });
    let handshakeSecret: Buffer | undefined;
    socket.on('keylog', (line: Buffer) => {
      const [kind, , secret] = line.toString('latin1').trim().split(' ');
      if (kind === 'SERVER_HANDSHAKE_TRAFFIC_SECRET' && secret) handshakeSecret = Buffer.from(secret, 'hex');
    });
    const finish = (error?: SuiteError) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      tcp.destroy();
      if (error) reject(error);
    };
    const onAbort = () => finish(cancelled());
    options.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () =>
        finish(
          new SuiteError(
            'TIMEOUT',
            `${name} did not complete a TLS handshake within ${options.timeoutMs / 1000} s.`,
          ),
        ),
      options.timeoutMs,
    );
    socket.once('secureConnect', () => {
      const protocol = socket.getProtocol();
      const received = Buffer.concat(fromServer);
      const ders = sentCertificates(received, protocol, socket.getCipher().standardName, handshakeSecret);
      let sent: X509Certificate[];
      try {
        sent = (ders ?? []).map((der) => new X509Certificate(der));
      } catch {
        return finish(new SuiteError('FAILED', `${name} sent a certificate that cannot be read.`));
      }
      finish();
      if (sent.length === 0)
        return reject(new SuiteError('FAILED', `${name} completed the handshake without a certificate.`));
      resolve({ protocol: protocol ?? 'TLS', servername, sent });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const first = Buffer.concat(fromServer);
      // A TLS server answers with a handshake (22) or an alert (21) record; anything else is another protocol.
      const notTls = first.length > 0 && first[0] !== 22 && first[0] !== 21;
      const answered = first
        .subarray(0, 40)
        .toString('latin1')
        .split(/\r?\n/)[0]!
        .replace(/[^\x20-\x7e]/g, '?');
      const reason = notTls
        ? `is not a TLS server (it answered "${answered}")`
        : error.code === 'ECONNREFUSED'
          ? 'refused the connection (nothing listens on that port)'
          : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
            ? 'is not a known host name'
            : error.code === 'ECONNRESET' || /disconnected|socket hang up/i.test(error.message)
              ? 'closed the connection during the handshake (not a TLS server, or it refused the client)'
              : error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH'
                ? 'cannot be reached from this machine'
                : `failed the TLS handshake (${(error.message.split(':').at(-1) ?? error.message).trim()})`;
      finish(new SuiteError('FAILED', `${name} ${reason}.`));
    });
  });
}
