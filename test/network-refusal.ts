import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * The test suite's offline rule, for any Node process: connections and name lookups beyond this
 * machine are refused. test/network-guard.ts applies it in every Vitest worker and, through
 * NODE_OPTIONS, in the Node programs the tests start (test/network-guard-child.ts).
 */
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.', '::1', '[::1]', '0:0:0:0:0:0:0:1']);

/** This machine's own addresses: a test may check that a server does not answer on them. */
const OWN_ADDRESSES = new Set(
  Object.values(networkInterfaces())
    .flat()
    .map((address) => address?.address.toLowerCase()),
);

/** A loopback address or name, or an address of this machine; no host at all means localhost to Node. */
export function isLoopback(host: string | undefined | null): boolean {
  if (host === undefined || host === null || host === '') return true;
  const name = host.toLowerCase();
  if (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost')) return true;
  const v4 = name.replace(/^::ffff:/, '');
  return (net.isIPv4(v4) && v4.startsWith('127.')) || (net.isIP(name) !== 0 && OWN_ADDRESSES.has(name));
}

let onRefuse: (what: string) => void = () => {};

function refuse(what: string): Error {
  onRefuse(what);
  return Object.assign(new Error(`Test network guard: ${what} is beyond loopback; tests must run offline.`), {
    code: 'ENETUNREACH',
  });
}

/** Where `socket.connect(...)` goes, in each of its call shapes; null for a Unix socket or pipe. */
function target(args: unknown[]): { host: string | undefined } | null {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    // http passes `path: null` for TCP; net takes any non-empty path as a Unix socket.
    const options = first as { host?: string; path?: string | null };
    return options.path ? null : { host: options.host };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return { host: typeof args[1] === 'string' ? args[1] : undefined };
  }
  return null;
}

/**
 * Refuses, from now on in this process, every connection and name lookup beyond this machine: the
 * caller is told of each (`report`), and the code that tried gets an ENETUNREACH error.
 */
export function refuseNetworkBeyondLoopback(report: (what: string) => void): void {
  onRefuse = report;
  // Every TCP and TLS client (http, https, fetch, got, tls.connect) connects through net.Socket.
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const to = target(args);
    if (to && !isLoopback(to.host)) {
      const error = refuse(`a connection to ${to.host}`);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (connect as (...rest: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;

  // Name lookups leave the machine too (getaddrinfo asks the resolver).
  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname)) {
      const callback = rest.at(-1) as (error: Error) => void;
      const error = refuse(`a DNS lookup of ${hostname}`);
      process.nextTick(() => callback(error));
      return {} as never;
    }
    return (lookup as (...all: unknown[]) => unknown)(hostname, ...rest);
  } as typeof dns.lookup;
  const lookupPromise = dns.promises.lookup;
  dns.promises.lookup = async function guardedLookupPromise(hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname)) throw refuse(`a DNS lookup of ${hostname}`);
    return (lookupPromise as (...all: unknown[]) => Promise<unknown>)(hostname, ...rest);
  } as typeof dns.promises.lookup;

  // Modules that imported `lookup` by name see the guarded one too.
  syncBuiltinESMExports();
}
