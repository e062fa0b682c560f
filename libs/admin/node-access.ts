import { ensureNodeConsumer, type Identity } from '../bus/index.js';
import type { AdminSession } from './admin-session.js';
import { auditAgencyChange, requireAgency } from './agency-changes.js';

export interface NodeAccess {
  /** The node's NATS credential (.creds). */
  credentials: string;
  /** False when the node already had a credential and it was kept. */
  issued: boolean;
}

/**
 * Gives a registered agency's node a bus identity of its own: a credential, valid at once
 * on every server, and the node's own durable consumer of the agency's deliveries, beside
 * its liaisons' inbox. Calling it again keeps the credential unless `renew` (the old one
 * is then revoked at once).
 */
export async function issueNodeAccess(session: AdminSession, agency: string, options: { renew?: boolean } = {}): Promise<NodeAccess> {
  await requireAgency(session, agency);
  const identity: Identity = { kind: 'node', agency };
  const existing = session.credentials.find(identity);
  const keep = !options.renew && existing !== undefined;
  const credentials = keep ? existing : ((await session.credentials.issue([identity]))[0] ?? '');
  await ensureNodeConsumer(session.jsm, agency, session.settings);
  if (!keep) await auditAgencyChange(session, agency, 'node-access-issued');
  return { credentials, issued: !keep };
}
