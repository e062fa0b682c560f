import { existsSync } from 'node:fs';
import { ensureNodeConsumer, type Identity } from '../bus/index.js';
import { readStackFile, writeStackFile } from '../client/index.js';
import { auditAgencyChange, requireAgency } from './agency-changes.js';
import { withOperator } from './operator-session.js';
import { identityStore, reloadStackNats, seedFileFor } from './stack-identities.js';

export interface NodeAccess {
  /** The node's NATS credential (nkey seed), DIR/agencies/ID/node.nk. */
  credentials: string;
  /** False when the node already had a credential and it was kept. */
  issued: boolean;
}

/**
 * Gives a registered agency's node a bus identity of its own: a credential, which the
 * broker takes at once (by reload), and the node's own durable consumer of the agency's
 * deliveries, beside its liaisons' inbox. Calling it again keeps the credential unless
 * `renew` (the old one is then refused at once); stack.json records it as `nodeCreds`.
 */
export async function issueNodeAccess(dirArg: string, agency: string, options: { renew?: boolean } = {}): Promise<NodeAccess> {
  return withOperator(dirArg, async (session) => {
    await requireAgency(session, agency);
    const { layout, state, jsm } = session;
    const identity: Identity = { kind: 'node', agency };
    const store = identityStore(layout);
    const existing = store.find(identity);
    const keep = !options.renew && existing !== undefined && existsSync(existing.seedFile);
    const credentials = keep ? existing.seedFile : store.issue(identity, seedFileFor(layout, identity)).seedFile;
    if (!keep) await reloadStackNats(layout, state);
    await ensureNodeConsumer(jsm, agency, state.settings);
    if (!keep) await auditAgencyChange(session, agency, 'node-access-issued');
    const stack = readStackFile(layout.dir);
    stack.agencies[agency] = { ...stack.agencies[agency], nodeCreds: credentials };
    writeStackFile(layout.dir, stack);
    return { credentials, issued: !keep };
  });
}
