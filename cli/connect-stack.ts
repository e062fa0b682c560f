import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Identity } from '../libs/bus/index.js';
import { connectAs, readStackFile, type StackFile } from '../libs/client/index.js';

export interface StackSession {
  stack: StackFile;
  nc: NatsConnection;
  js: JetStreamClient;
  /** Only for identities whose permissions include the JetStream API they use. */
  jsm: () => Promise<JetStreamManager>;
}

/**
 * Runs `use` connected to the stack in DIR as one identity, with its credential (`--creds`,
 * else the one the stack issued) and its private inbox prefix.
 */
export async function withIdentity<T>(
  dir: string,
  identity: Identity,
  creds: string | undefined,
  use: (s: StackSession) => Promise<T>,
  options: { reconnect?: boolean } = {},
): Promise<T> {
  const stack = readStackFile(dir);
  const nc = await connectAs(stack, identity, creds, options);
  try {
    return await use({ stack, nc, js: jetstream(nc), jsm: () => jetstreamManager(nc, { checkAPI: false }) });
  } finally {
    await nc.close();
  }
}
