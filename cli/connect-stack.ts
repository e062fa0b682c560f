import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectBus } from '../libs/bus/index.js';
import { readStackFile, type StackFile } from '../libs/client/index.js';

export interface StackSession {
  stack: StackFile;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  close(): Promise<void>;
}

/** Connects to the stack in DIR, with explicit credentials when given. */
export async function connectStack(dir: string, as: { name: string; creds?: string | undefined }): Promise<StackSession> {
  const stack = readStackFile(dir);
  const options: Parameters<typeof connectBus>[0] = { url: stack.natsUrl, name: as.name, reconnect: false };
  if (as.creds) options.credsFile = as.creds;
  if (stack.caFile) options.caFile = stack.caFile;
  const nc = await connectBus(options);
  return {
    stack,
    nc,
    js: jetstream(nc),
    jsm: await jetstreamManager(nc),
    close: () => nc.close(),
  };
}

export async function withStack<T>(dir: string, as: { name: string; creds?: string | undefined }, use: (s: StackSession) => Promise<T>): Promise<T> {
  const session = await connectStack(dir, as);
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}
