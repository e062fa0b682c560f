import { auditEventId } from '../audit/index.js';
import {
  consumers,
  deleteAgency,
  getAgency,
  openRegistryBuckets,
  publishServiceEvents,
  putAgencyKey,
  streams,
  subjects,
  type Identity,
} from '../bus/index.js';
import { readStackFile, writeStackFile } from '../client/index.js';
import { AccordError } from '../errors/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import { assertAgencyId, parseAgencyKey } from '../registry/index.js';
import { withOperator, type OperatorSession } from './operator-session.js';
import { identityStore, reloadStackNats, seedFileFor } from './stack-identities.js';

async function requireAgency(session: OperatorSession, id: string): Promise<void> {
  assertAgencyId(id);
  if (!(await getAgency(await openRegistryBuckets(session.nc), id))) throw new AccordError('E_NOT_FOUND', `agency ${id} is not registered`);
}

async function auditAgencyChange(session: OperatorSession, agency: string, action: string): Promise<void> {
  const at = new Date();
  await publishServiceEvents(session.js, 'admin', [
    {
      eventId: auditEventId.agencyChange(agency, action, at),
      kind: v1.AuditKind.KEY,
      time: timestampFromDate(at),
      service: 'admin',
      agency,
      action,
    },
  ]);
}

/**
 * New NATS credentials for an agency's adapter and liaison officers. The broker reloads
 * at once: the old credentials are refused and their open connections closed.
 */
export async function rotateAgencyCredentials(dirArg: string, id: string): Promise<{ adapterCreds: string; liaisonCreds: string }> {
  return withOperator(dirArg, async (session) => {
    await requireAgency(session, id);
    const { layout, state } = session;
    const store = identityStore(layout);
    const issue = (identity: Identity) => store.issue(identity, seedFileFor(layout, identity)).seedFile;
    const creds = { adapterCreds: issue({ kind: 'adapter', agency: id }), liaisonCreds: issue({ kind: 'liaison', agency: id }) };
    await reloadStackNats(layout, state);
    await auditAgencyChange(session, id, 'credentials-rotated');
    return creds;
  });
}

/**
 * Removes an agency: its credentials (refused at once), its registry entry, its inbox
 * consumer and what is still stored for it, so an agency registered later under the same
 * id reads none of it. Its public keys stay, superseded, so views it signed remain
 * verifiable and nothing new is accepted with them.
 */
export async function removeAgency(dirArg: string, id: string): Promise<void> {
  await withOperator(dirArg, async (session) => {
    await requireAgency(session, id);
    const { layout, state, nc, jsm } = session;
    const store = identityStore(layout);
    store.remove({ kind: 'adapter', agency: id });
    store.remove({ kind: 'liaison', agency: id });
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
    await jsm.consumers.delete(streams.checkpoints, consumers.checkpoints(id)).catch(() => false);
    await jsm.streams.purge(streams.deliveries, { filter: subjects.deliver(id) });
    await auditAgencyChange(session, id, 'agency-removed');
    const stack = readStackFile(layout.dir);
    delete stack.agencies[id];
    writeStackFile(layout.dir, stack);
  });
}
