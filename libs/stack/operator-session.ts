import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectAs, readStackFile, type StackFile } from '../client/index.js';
import { AccordError } from '../errors/index.js';
import { stackLayout, type StackLayout } from './stack-layout.js';
import { readStackState, type StackState } from './stack-state.js';

export interface OperatorSession {
  layout: StackLayout;
  state: StackState;
  stack: StackFile;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** Runs `use` connected as the stack's operator (administrator). */
export async function withOperator<T>(dirArg: string, use: (s: OperatorSession) => Promise<T>): Promise<T> {
  const layout = stackLayout(dirArg);
  const stack = readStackFile(layout.dir);
  const state = readStackState(layout);
  if (!state) throw new AccordError('E_STATE', `no stack state in ${layout.dir}: start the stack with \`accord stack up --dir ${dirArg}\``);
  const nc = await connectAs(stack, { kind: 'operator' });
  try {
    return await use({ layout, state, stack, nc, js: jetstream(nc), jsm: await jetstreamManager(nc) });
  } finally {
    await nc.close();
  }
}
