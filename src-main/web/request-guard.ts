import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Refusal {
  status: number;
  message: string;
}

/**
 * Browser mode's gate, applied to every request before routing: the Host must be exactly our loopback
 * address and port and any Origin ours (DNS rebinding, cross-site pages), and API calls carry the token.
 */
export function checkRequest(req: IncomingMessage, origin: string, token: string): Refusal | null {
  const expectedHost = new URL(origin).host;
  if (req.headers.host !== expectedHost) {
    return { status: 421, message: `Refused: Host must be ${expectedHost}.` };
  }
  const requestOrigin = req.headers.origin;
  if (requestOrigin !== undefined && requestOrigin !== origin) {
    return { status: 403, message: 'Refused: foreign Origin.' };
  }
  if ((req.url ?? '/').startsWith('/api/') && !hasToken(req.headers.authorization, token)) {
    return { status: 401, message: 'Refused: missing or wrong token.' };
  }
  return null;
}

function hasToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
