import { isIP } from 'node:net';
import { AccordError } from '../errors/index.js';

export interface ListenAddress {
  host: string;
  port: number;
}

export const DEFAULT_LISTEN = '127.0.0.1:8470';

/** `HOST:PORT` or `[IPv6]:PORT`; port 0 takes any free port (the node says which it bound). */
export function parseListen(text: string, what = '--listen'): ListenAddress {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!match || host === undefined || !Number.isInteger(port) || port > 65_535) {
    throw new AccordError('E_USAGE', `${what} ${text}: expected HOST:PORT, e.g. 127.0.0.1:8470 or [::1]:8470`);
  }
  return { host, port };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** Plain HTTP would carry officers' passwords and the views in clear: only on a loopback address. */
export function assertTransportAllowed(address: ListenAddress, tls: boolean): void {
  if (tls || isLoopback(address.host)) return;
  throw new AccordError(
    'E_CONFIG',
    `refusing plain HTTP on ${address.host}: give --tls-cert FILE --tls-key FILE, or listen on a loopback address (--listen 127.0.0.1:${address.port})`,
    { path: 'listen' },
  );
}
