import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  type Authenticator,
  type ConnectionOptions,
  type NatsConnection,
} from '@nats-io/transport-node';
import { AccordError, errorMessage } from '../errors/index.js';

export interface BusConnectionOptions {
  /** A server URL, or several separated by commas (a cluster's). */
  url: string;
  /** Shown in the server's connection list, e.g. "accord-ingest". */
  name: string;
  /** The identity's credential: an nkey seed file, or a NATS .creds file (JWT and seed). */
  credsFile?: string;
  /** CA certificate the server's TLS certificate must chain to. */
  caFile?: string;
  /** Private reply subjects, so no other identity can read this one's replies. */
  inboxPrefix?: string;
  /** Keep reconnecting for ever (services) or give up after the first failure (CLI). */
  reconnect?: boolean;
}

/**
 * The credential file is read now, to fail fast on a bad one, and again at every
 * reconnection: credentials renewed in place (`agency rotate-creds`, which also closes
 * the old connections) are taken up without a restart.
 */
async function authenticatorFrom(file: string): Promise<Authenticator> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    throw new AccordError('E_CONFIG', `cannot read NATS credentials ${file}: ${errorMessage(error)}`, { cause: error });
  }
  const current = (): Buffer => {
    try {
      content = readFileSync(file);
    } catch {
      // Mid-rename or gone for a moment: the last good content is tried, and refused if stale.
    }
    return content;
  };
  const text = content.toString('utf8').trim();
  if (text.startsWith('SU')) return nkeyAuthenticator(() => new TextEncoder().encode(current().toString('utf8').trim()));
  if (text.includes('BEGIN NATS USER JWT')) return credsAuthenticator(() => new Uint8Array(current()));
  throw new AccordError('E_CONFIG', `${file} is neither an nkey seed nor a NATS .creds file`);
}

/** Servers with JWT auth refuse a bare nkey seed: what to get instead. */
function bareSeedHint(file: string | undefined, error: unknown): string {
  if (!file || !/authorization violation/i.test(errorMessage(error))) return '';
  let bare = false;
  try {
    bare = readFileSync(file, 'utf8').trim().startsWith('SU');
  } catch {
    // Unreadable now: the refusal says enough.
  }
  return bare
    ? ` (${file} is a bare nkey seed; servers with JWT accounts need a .creds file: \`accord agency rotate-creds\`, \`agency node-access --renew\` or \`service creds --rotate\` issues one)`
    : '';
}

export async function connectBus(options: BusConnectionOptions): Promise<NatsConnection> {
  const opts: ConnectionOptions = {
    servers: options.url.split(',').map((u) => u.trim()),
    name: options.name,
    reconnect: options.reconnect ?? true,
    maxReconnectAttempts: options.reconnect === false ? 0 : -1,
    reconnectTimeWait: 500,
    timeout: 5000,
    // A stack trace captured for every request (each JetStream publish is one) costs more
    // than the request itself; errors still say which subject and why.
    noAsyncTraces: true,
  };
  if (options.inboxPrefix) opts.inboxPrefix = options.inboxPrefix;
  if (options.caFile) opts.tls = { caFile: options.caFile };
  if (options.credsFile) opts.authenticator = await authenticatorFrom(options.credsFile);
  try {
    return await connect(opts);
  } catch (error) {
    throw new AccordError(
      'E_UNAVAILABLE',
      `cannot reach NATS at ${options.url}: ${errorMessage(error)}${bareSeedHint(options.credsFile, error)}`,
      {
        cause: error,
        retryable: true,
      },
    );
  }
}
