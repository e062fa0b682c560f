import { consumers, deleteAgency, getAgency, openRegistryBuckets, putAgencyKey, streams, subjects, type Identity } from '../bus/index.js';
import { readStackFile, writeStackFile } from '../client/index.js';
import { parseAgencyKey } from '../registry/index.js';
import { auditAgencyChange, requireAgency } from './agency-changes.js';
import { withOperator } from './operator-session.js';
import { identityStore, reloadStackNats, seedFileFor } from './stack-identities.js';

/**
 * New NATS credentials for an agency's adapter and liaison officers, and for its node when
 * it has one (at the same path, so a node whose node.json names the stack's file takes
 * the new seed at its next connection). The broker reloads at once: the old credentials
 * are refused and their open connections closed.
 */
export async function rotateAgencyCredentials(
  dirArg: string,
  id: string,
): Promise<{ adapterCreds: string; liaisonCreds: string; nodeCreds?: string }> {
  return withOperator(dirArg, async (session) => {
    await requireAgency(session, id);
    const { layout, state } = session;
    const store = identityStore(layout);
    const issue = (identity: Identity) => store.issue(identity, seedFileFor(layout, identity)).seedFile;
    const node: Identity = { kind: 'node', agency: id };
    const hasNode = store.find(node) !== undefined;
    const creds = { adapterCreds: issue({ kind: 'adapter', agency: id }), liaisonCreds: issue({ kind: 'liaison', agency: id }) };
    const nodeCreds = hasNode ? issue(node) : undefined;
    await reloadStackNats(layout, state);
    await auditAgencyChange(session, id, 'credentials-rotated');
    return nodeCreds ? { ...creds, nodeCreds } : creds;
  });
}

/**
 * Removes an agency: its credentials and its node's (refused at once), its registry
 * entry, its inbox and node consumers and what is still stored for it, so an agency
 * registered later under the same id reads none of it. Its public keys stay, superseded,
 * so views it signed remain verifiable and nothing new is accepted with them.
 */
export async function removeAgency(dirArg: string, id: string): Promise<void> {
  await withOperator(dirArg, async (session) => {
    await requireAgency(session, id);
    const { layout, state, nc, jsm } = session;
    const store = identityStore(layout);
    store.remove({ kind: 'adapter', agency: id });
    store.remove({ kind: 'liaison', agency: id });
    store.remove({ kind: 'node', agency: id });
    await reloadStackNats(layout, state);
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
    const stack = readStackFile(layout.dir);
    delete stack.agencies[id];
    writeStackFile(layout.dir, stack);
  });
}
