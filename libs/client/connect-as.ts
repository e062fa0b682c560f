import type { NatsConnection } from '@nats-io/transport-node';
import { connectBus, identityName, inboxPrefix, type Identity } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import type { StackFile } from './stack-file.js';

/** The credential stack.json names for an identity, if any. */
export function credentialFor(stack: StackFile, identity: Identity): string | undefined {
  switch (identity.kind) {
    case 'adapter':
      return stack.agencies[identity.agency]?.adapterCreds;
    case 'liaison':
      return stack.agencies[identity.agency]?.liaisonCreds;
    case 'node':
      return stack.agencies[identity.agency]?.nodeCreds;
    case 'auditor':
      return stack.auditorCreds;
    case 'operator':
      return stack.operatorCreds;
    case 'admin':
      return stack.adminCreds;
    default:
      return undefined;
  }
}

/**
 * Connects as one identity: its credential (given, or the one stack.json names), its own
 * inbox prefix (the broker lets it read replies there and nowhere else), and the stack's CA.
 * A one-shot command gives up when the server goes away; a long-running client (an
 * adapter, `inbox --follow`) passes `reconnect` and rides out a restart or a node's loss.
 */
export async function connectAs(
  stack: StackFile,
  identity: Identity,
  creds?: string,
  options: { reconnect?: boolean } = {},
): Promise<NatsConnection> {
  const credsFile = creds ?? credentialFor(stack, identity);
  if (!credsFile) {
    throw new AccordError(
      'E_CONFIG',
      `no credentials for ${identityName(identity)}: give --creds FILE (the stack in this folder issued none)`,
    );
  }
  const connection: Parameters<typeof connectBus>[0] = {
    url: stack.natsUrl,
    name: `accord-${identityName(identity)}`,
    reconnect: options.reconnect ?? false,
    credsFile,
    inboxPrefix: inboxPrefix(identity),
  };
  if (stack.caFile) connection.caFile = stack.caFile;
  return connectBus(connection);
}
