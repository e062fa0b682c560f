import { writeFileSync } from 'node:fs';
import { auditEventId } from '../audit/index.js';
import { getAgency, openRegistryBuckets, publishServiceEvents, putAgency, putAgencyKey, type RegistryBuckets } from '../bus/index.js';
import { readStackFile, writeStackFile } from '../client/index.js';
import { readJsonFile, writeSecretFile } from '../config/index.js';
import { AccordError } from '../errors/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import { assertAgencyId, parseAgencyKey, type Agency, type AgencyKey } from '../registry/index.js';
import { generateSigningKeyPair, parsePublicJwk, type PublicJwk } from '../signing/index.js';
import { withOperator, type OperatorSession } from './operator-session.js';

export type RevocationReason = 'superseded' | 'compromised';

async function requireAgency(buckets: RegistryBuckets, id: string): Promise<Agency> {
  assertAgencyId(id);
  const agency = await getAgency(buckets, id);
  if (!agency) throw new AccordError('E_NOT_FOUND', `agency ${id} is not registered`);
  return agency;
}

async function auditKeyChange(session: OperatorSession, agency: string, kid: string, action: string): Promise<void> {
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
 * Adds a new signing key for an agency (its own public key, or a demo key pair made into
 * DIR). The previous keys stay valid until revoked or past their notAfter, so notices
 * signed before the switch are still accepted.
 */
export async function rotateAgencyKey(
  dirArg: string,
  id: string,
  publicKeyFile?: string,
): Promise<{ kid: string; signingKeyFile?: string }> {
  const supplied = publicKeyFile ? await parsePublicJwk(await readJsonFile(publicKeyFile, 'the public key'), publicKeyFile) : undefined;
  return withOperator(dirArg, async (session) => {
    const buckets = await openRegistryBuckets(session.nc);
    const agency = await requireAgency(buckets, id);
    let jwk: PublicJwk;
    let signingKeyFile: string | undefined;
    if (supplied) jwk = supplied;
    else {
      const pair = await generateSigningKeyPair();
      jwk = pair.publicJwk;
      signingKeyFile = session.layout.agencyKey(id);
      writeSecretFile(signingKeyFile, `${JSON.stringify(pair.privateJwk, null, 2)}\n`);
      writeFileSync(`${signingKeyFile}.pub`, `${JSON.stringify(pair.publicJwk, null, 2)}\n`);
    }
    if (agency.kids.includes(jwk.kid)) throw new AccordError('E_EXISTS', `key ${jwk.kid} is already registered for ${id}`);
    await putAgencyKey(buckets, { kid: jwk.kid, agency: id, jwk, status: 'active', addedAt: new Date().toISOString() });
    await putAgency(buckets, { ...agency, kids: [...agency.kids, jwk.kid] });
    await auditKeyChange(session, id, jwk.kid, 'key-added');
    if (signingKeyFile) {
      const stack = readStackFile(session.layout.dir);
      stack.agencies[id] = { ...stack.agencies[id], signingKey: signingKeyFile };
      writeStackFile(session.layout.dir, stack);
    }
    return signingKeyFile ? { kid: jwk.kid, signingKeyFile } : { kid: jwk.kid };
  });
}

/**
 * Revokes one of an agency's keys. Superseded: no submission that reaches the bus from
 * `since` (default now) on is accepted with it. Compromised: none is accepted any more,
 * even one queued before. Views already delivered stay verifiable: the key stays known.
 */
export async function revokeAgencyKey(dirArg: string, id: string, kid: string, reason: RevocationReason, since?: Date): Promise<AgencyKey> {
  return withOperator(dirArg, async (session) => {
    const buckets = await openRegistryBuckets(session.nc);
    const agency = await requireAgency(buckets, id);
    const entry = await buckets.keys.get(kid);
    if (!entry || entry.operation !== 'PUT' || !agency.kids.includes(kid)) {
      throw new AccordError('E_NOT_FOUND', `key ${kid} is not one of ${id}'s keys`);
    }
    const key = parseAgencyKey(entry.json());
    if (key.status === 'compromised')
      throw new AccordError('E_STATE', `key ${kid} is already revoked as compromised; that cannot be undone`);
    if (key.status === 'superseded' && reason === 'superseded')
      throw new AccordError('E_STATE', `key ${kid} is already superseded (since ${key.revokedAt})`);
    const revoked: AgencyKey = { ...key, status: reason, revokedAt: (since ?? new Date()).toISOString() };
    await putAgencyKey(buckets, revoked);
    await auditKeyChange(session, id, kid, `key-revoked-${reason}`);
    return revoked;
  });
}
