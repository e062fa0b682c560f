import { auditEventId } from '../audit/index.js';
import { getAgency, openRegistryBuckets, publishServiceEvents } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import { assertAgencyId, type Agency } from '../registry/index.js';
import type { AdminSession } from './admin-session.js';

export async function requireAgency(session: AdminSession, id: string): Promise<Agency> {
  assertAgencyId(id);
  const agency = await getAgency(await openRegistryBuckets(session.nc), id);
  if (!agency) throw new AccordError('E_NOT_FOUND', `agency ${id} is not registered`);
  return agency;
}

/** An audit record (KEY) of a change to an agency's credentials or registration. */
export async function auditAgencyChange(session: AdminSession, agency: string, action: string): Promise<void> {
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
