import { join } from 'node:path';
import { permissionsFor, SERVICES, type Identity } from '../bus/index.js';
import { IdentityStore, type StoredIdentity } from './identity-store.js';
import { natsConfigFile, reloadNatsServer } from './local-servers.js';
import { natsServerConfig } from './nats-server-config.js';
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

export function renderStackNatsConfig(layout: StackLayout, port: number, syncInterval: string | undefined): string {
  return natsServerConfig({
    port,
    storeDir: join(layout.nats, 'jetstream'),
    serverName: `accord-${port}`,
    ...(syncInterval ? { syncInterval } : {}),
    tls: ensureTlsMaterial(layout.tls),
    users: identityStore(layout)
      .list()
      .map((s) => ({ nkey: s.publicKey, permissions: permissionsFor(s.identity) })),
  });
}

/** After identities changed: the running nats-server takes the new users at once. */
export async function reloadStackNats(layout: StackLayout, state: StackState): Promise<void> {
  const pid = state.pids['nats-server'];
  if (pid === undefined) throw new Error(`nats-server of ${layout.dir} is not running`);
  await reloadNatsServer(pid, natsConfigFile(layout.nats), renderStackNatsConfig(layout, state.natsPort, state.syncInterval), layout.log('nats-server'));
}
