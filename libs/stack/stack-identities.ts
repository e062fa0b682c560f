import { join } from 'node:path';
import { permissionsFor, SERVICES, type Identity } from '../bus/index.js';
import { IdentityStore, type StoredIdentity } from './identity-store.js';
import { natsConfigFile, reloadNatsServer } from './local-servers.js';
import { natsServerConfig } from './nats-server-config.js';
import { CLUSTER_NAME, natsNodes, type NatsNode } from './nats-nodes.js';
import type { StackLayout } from './stack-layout.js';
import type { StackState } from './stack-state.js';
import { ensureTlsMaterial } from './tls-material.js';

export function identityStore(layout: StackLayout): IdentityStore {
  return new IdentityStore(layout.identities);
}

/** Where an identity's credential (nkey seed) lives in the stack's folder. */
export function seedFileFor(layout: StackLayout, identity: Identity): string {
  switch (identity.kind) {
    case 'adapter':
    case 'liaison':
    case 'node':
      return join(layout.agency(identity.agency), `${identity.kind}.nk`);
    case 'service':
      return join(layout.secrets, `service-${identity.service}.nk`);
    default:
      return join(layout.secrets, `${identity.kind}.nk`);
  }
}

/**
 * The identities every stack has: the operator, the auditor, one per service, and the
 * offline admin (the only one that may rewrite the audit streams: keep its seed off the
 * machine in a real deployment).
 */
export function ensureBusIdentities(layout: StackLayout): { operator: StoredIdentity; auditor: StoredIdentity; admin: StoredIdentity } {
  const store = identityStore(layout);
  const ensure = (identity: Identity) => store.ensure(identity, seedFileFor(layout, identity));
  for (const service of SERVICES) ensure({ kind: 'service', service });
  return { operator: ensure({ kind: 'operator' }), auditor: ensure({ kind: 'auditor' }), admin: ensure({ kind: 'admin' }) };
}

/** The configuration of one nats-server of the stack (of its cluster, when it has one). */
export function renderStackNatsConfig(
  layout: StackLayout,
  node: NatsNode,
  nodes: readonly NatsNode[],
  syncInterval: string | undefined,
  local: { portsFileDir?: string } = {},
): string {
  const peers = nodes.filter((n) => n.name !== node.name).map((n) => n.routePort ?? 0);
  return natsServerConfig({
    port: node.port,
    storeDir: join(node.dir, 'jetstream'),
    serverName: node.serverName,
    ...local,
    ...(syncInterval ? { syncInterval } : {}),
    tls: ensureTlsMaterial(layout.tls),
    users: identityStore(layout)
      .list()
      .map((s) => ({ nkey: s.publicKey, permissions: permissionsFor(s.identity) })),
    ...(node.routePort ? { cluster: { name: CLUSTER_NAME, port: node.routePort, peerPorts: peers } } : {}),
  });
}

/** After identities changed: every running nats-server of the stack takes the new users at once. */
export async function reloadStackNats(layout: StackLayout, state: StackState): Promise<void> {
  const nodes = natsNodes(layout, state.natsPort, state.cluster);
  for (const node of nodes) {
    const pid = state.pids[node.name];
    if (pid === undefined) throw new Error(`${node.name} of ${layout.dir} is not running`);
    await reloadNatsServer(
      pid,
      natsConfigFile(node.dir),
      renderStackNatsConfig(layout, node, nodes, state.syncInterval),
      layout.log(node.name),
    );
  }
}
