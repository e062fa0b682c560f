import { consumers, deleteAgency, getAgency, openRegistryBuckets, putAgencyKey, streams, subjects, type Identity } from '../bus/index.js';
import { parseAgencyKey } from '../registry/index.js';
import type { AdminSession } from './admin-session.js';
import { auditAgencyChange, requireAgency } from './agency-changes.js';

export interface AgencyCredentials {
  adapterCreds: string;
  liaisonCreds: string;
  nodeCreds?: string;
}

const agencyIdentities = (id: string): Identity[] => [
  { kind: 'adapter', agency: id },
  { kind: 'liaison', agency: id },
  { kind: 'node', agency: id },
];

/**
 * New NATS credentials for an agency's adapter and liaison officers, and for its node when
 * it has one, signed by new scoped keys: the account no longer lists the old keys, so
 * every server refuses the old credentials at once and closes their connections.
 */
export async function rotateAgencyCredentials(session: AdminSession, id: string): Promise<AgencyCredentials> {
  await requireAgency(session, id);
  const node: Identity = { kind: 'node', agency: id };
  const hasNode = session.credentials.find(node) !== undefined;
  const [adapterCreds = '', liaisonCreds = '', nodeCreds] = await session.credentials.issue([
    { kind: 'adapter', agency: id },
    { kind: 'liaison', agency: id },
    ...(hasNode ? [node] : []),
  ]);
  await auditAgencyChange(session, id, 'credentials-rotated');
  return nodeCreds ? { adapterCreds, liaisonCreds, nodeCreds } : { adapterCreds, liaisonCreds };
}

/**
 * Removes an agency: its credentials and its node's (revoked on every server), its
 * registry entry, its inbox and node consumers and what is still stored for it, so an
 * agency registered later under the same id reads none of it. Its public keys stay,
 * superseded, so views it signed remain verifiable and nothing new is accepted with them.
 */
export async function removeAgency(session: AdminSession, id: string): Promise<void> {
  await requireAgency(session, id);
  const { nc, jsm } = session;
  await session.credentials.revoke(agencyIdentities(id));
  const buckets = await openRegistryBuckets(nc);
  const agency = await getAgency(buckets, id);
  await deleteAgency(buckets, id);
  const now = new Date().toISOString();
  for (const kid of agency?.kids ?? []) {
    const entry = await buckets.keys.get(kid);
    if (!entry || entry.operation !== 'PUT') continue;
    const key = parseAgencyKey(entry.json());
    if (key.status === 'active') await putAgencyKey(buckets, { ...key, status: 'superseded', revokedAt: now });
  }
  await jsm.consumers.delete(streams.deliveries, consumers.inbox(id)).catch(() => false);
  await jsm.consumers.delete(streams.deliveries, consumers.node(id)).catch(() => false);
  await jsm.consumers.delete(streams.checkpoints, consumers.nodeCheckpoints(id)).catch(() => false);
  await jsm.consumers.delete(streams.checkpoints, consumers.checkpoints(id)).catch(() => false);
  await jsm.streams.purge(streams.deliveries, { filter: subjects.deliver(id) });
  await auditAgencyChange(session, id, 'agency-removed');
}
