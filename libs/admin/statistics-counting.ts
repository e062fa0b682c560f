import { auditEventId } from '../audit/index.js';
import { openRegistryBuckets, publishServiceEvents, putAgency } from '../bus/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import { TLP_NAMES, type Agency, type TlpName } from '../registry/index.js';
import { requireAgency } from './agency-changes.js';
import type { AdminSession } from './admin-session.js';

/**
 * Records which TLP levels of an issuer's own notices the statistics count (routing
 * reads it from the registry for each notice it routes, from the next one on), and
 * audits the choice (POLICY "statistics-counting", with the levels).
 */
export async function setCountedTlp(session: AdminSession, id: string, levels: readonly TlpName[]): Promise<Agency> {
  const agency = await requireAgency(session, id);
  const countedTlp = TLP_NAMES.filter((t) => levels.includes(t));
  const updated: Agency = { ...agency, countedTlp };
  await putAgency(await openRegistryBuckets(session.nc), updated);
  const at = new Date();
  await publishServiceEvents(session.js, 'admin', [
    {
      eventId: auditEventId.agencyChange(id, 'statistics-counting', at),
      kind: v1.AuditKind.POLICY,
      time: timestampFromDate(at),
      service: 'admin',
      agency: id,
      action: 'statistics-counting',
      countedTlp: countedTlp.map((t) => v1.Tlp[t]),
    },
  ]);
  return updated;
}
