import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { updateAccount } from '../admin/index.js';
import { readTrustPublic, resolverConfig, trustLayout, type OnlineTrust } from '../auth/index.js';
import { SERVICES, type Identity } from '../bus/index.js';
import { credsFileFor, FolderCredentials, IdentityStore, withSystemUser } from '../context/index.js';
import { natsServerConfig } from './nats-server-config.js';
import { CLUSTER_NAME, type NatsNode } from './nats-nodes.js';
import type { StackLayout } from './stack-layout.js';
import { ensureTlsMaterial } from './tls-material.js';

export function identityStore(layout: StackLayout): IdentityStore {
  return new IdentityStore(layout.identities);
}

/** An identity's credential file: the one recorded (a stack upgraded from nkeys keeps its paths), else where a new one goes. */
export function credsFileOf(layout: StackLayout, identity: Identity): string {
  return identityStore(layout).find(identity)?.credsFile ?? credsFileFor(layout, identity);
}

/**
 * The identities every stack has, each with a credential once the servers run: the
 * operator, the auditor and one per service (the offline admin is the trust chain's).
 * The account is pushed first, with this version's scoped keys, and `setRoles` (the
 * agency roles of a stack just upgraded), before any user of theirs connects.
 */
export async function ensureBusIdentities(
  layout: StackLayout,
  trust: OnlineTrust,
  natsUrl: string,
  setRoles: readonly string[],
): Promise<{ operator: string; auditor: string; admin: string }> {
  const endpoint = { natsUrl, caFile: ensureTlsMaterial(layout.tls).caFile };
  await withSystemUser(trust, endpoint, (sys) => updateAccount(sys, trust, { setRoles }));
  const [operator = '', auditor = ''] = await new FolderCredentials(layout, trust, endpoint).ensure([
    { kind: 'operator' },
    { kind: 'auditor' },
    ...SERVICES.map((service) => ({ kind: 'service', service }) as const),
  ]);
  return { operator, auditor, admin: credsFileFor(layout, { kind: 'admin' }) };
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
  const files = trustLayout(layout.trust);
  const trust = resolverConfig({
    operatorJwt: readFileSync(files.operatorJwt, 'utf8').trim(),
    systemAccount: readTrustPublic(layout.trust).systemAccount,
    systemAccountJwt: readFileSync(files.systemAccountJwt, 'utf8').trim(),
    dir: join(node.dir, 'resolver'),
  });
  return natsServerConfig({
    port: node.port,
    storeDir: join(node.dir, 'jetstream'),
    serverName: node.serverName,
    ...local,
    ...(syncInterval ? { syncInterval } : {}),
    tls: ensureTlsMaterial(layout.tls),
    trust,
    ...(node.routePort ? { cluster: { name: CLUSTER_NAME, port: node.routePort, peerPorts: peers } } : {}),
  });
}
