import { readFile } from 'node:fs/promises';
import { connect, credsAuthenticator, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import { AccordError, errorMessage } from '../errors/index.js';

export interface BusConnectionOptions {
  url: string;
  /** Shown in the server's connection list, e.g. "accord-ingest". */
  name: string;
  /** A NATS .creds file (JWT and nkey seed), when the server requires authentication. */
  credsFile?: string;
  /** CA certificate the server's TLS certificate must chain to. */
  caFile?: string;
  /** Private reply subjects, so no other identity can read this one's replies. */
  inboxPrefix?: string;
  /** Keep reconnecting for ever (services) or give up after the first failure (CLI). */
  reconnect?: boolean;
}

export async function connectBus(options: BusConnectionOptions): Promise<NatsConnection> {
  const opts: ConnectionOptions = {
    servers: options.url,
    name: options.name,
    reconnect: options.reconnect ?? true,
    maxReconnectAttempts: options.reconnect === false ? 0 : -1,
    reconnectTimeWait: 500,
    timeout: 5000,
  };
  if (options.inboxPrefix) opts.inboxPrefix = options.inboxPrefix;
  if (options.caFile) opts.tls = { caFile: options.caFile };
  if (options.credsFile) opts.authenticator = credsAuthenticator(await readFile(options.credsFile));
  try {
    return await connect(opts);
  } catch (error) {
    throw new AccordError('E_UNAVAILABLE', `cannot reach NATS at ${options.url}: ${errorMessage(error)}`, { cause: error, retryable: true });
  }
}
