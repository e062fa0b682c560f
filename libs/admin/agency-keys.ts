import { auditEventId } from '../audit/index.js';
import { openRegistryBuckets, publishServiceEvents, putAgency, putAgencyKey } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import { parseAgencyKey, type AgencyKey } from '../registry/index.js';
import type { PublicJwk } from '../signing/index.js';
import type { AdminSession } from './admin-session.js';
import { requireAgency } from './agency-changes.js';

export type RevocationReason = 'superseded' | 'compromised';

async function auditKeyChange(session: AdminSession, agency: string, kid: string, action: string): Promise<void> {
  const at = new Date();
  await publishServiceEvents(session.js, 'admin', [
    {
      eventId: `${auditEventId.keyChange(agency, kid, action)}/${at.toISOString()}`,
      kind: v1.AuditKind.KEY,
      time: timestampFromDate(at),
      service: 'admin',
      agency,
      kid,
      action,
    },
  ]);
}

/**
 * Adds a new signing key for an agency (its own public key, or a demo key made by the
 * caller). The previous keys stay valid until revoked or past their notAfter, so notices
 * signed before the switch are still accepted.
 */
export async function rotateAgencyKey(session: AdminSession, id: string, jwk: PublicJwk): Promise<{ kid: string }> {
  const buckets = await openRegistryBuckets(session.nc);
  const agency = await requireAgency(session, id);
  if (agency.kids.includes(jwk.kid)) throw new AccordError('E_EXISTS', `key ${jwk.kid} is already registered for ${id}`);
  await putAgencyKey(buckets, { kid: jwk.kid, agency: id, jwk, status: 'active', addedAt: new Date().toISOString() });
  await putAgency(buckets, { ...agency, kids: [...agency.kids, jwk.kid] });
  await auditKeyChange(session, id, jwk.kid, 'key-added');
  return { kid: jwk.kid };
}

/**
 * Revokes one of an agency's keys. Superseded: no submission that reaches the bus from
 * `since` (default now) on is accepted with it. Compromised: none is accepted any more,
 * even one queued before. Views already delivered stay verifiable: the key stays known.
 */
export async function revokeAgencyKey(
  session: AdminSession,
  id: string,
  kid: string,
  reason: RevocationReason,
  since?: Date,
): Promise<AgencyKey> {
  const buckets = await openRegistryBuckets(session.nc);
  const agency = await requireAgency(session, id);
  const entry = await buckets.keys.get(kid);
  if (!entry || entry.operation !== 'PUT' || !agency.kids.includes(kid)) {
    throw new AccordError('E_NOT_FOUND', `key ${kid} is not one of ${id}'s keys`);
  }
  const key = parseAgencyKey(entry.json());
  if (key.status === 'compromised') throw new AccordError('E_STATE', `key ${kid} is already revoked as compromised; that cannot be undone`);
  if (key.status === 'superseded' && reason === 'superseded')
    throw new AccordError('E_STATE', `key ${kid} is already superseded (since ${key.revokedAt})`);
  const revoked: AgencyKey = { ...key, status: reason, revokedAt: (since ?? new Date()).toISOString() };
  await putAgencyKey(buckets, revoked);
  await auditKeyChange(session, id, kid, `key-revoked-${reason}`);
  return revoked;
}
