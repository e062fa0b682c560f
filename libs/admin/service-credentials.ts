import { auditEventId } from '../audit/index.js';
import { publishServiceEvents, type ServiceName } from '../bus/index.js';
import { timestampFromDate, v1 } from '../proto/index.js';
import type { AdminSession } from './admin-session.js';

/**
 * A service's credential: the one it has, or a new one (`rotate`: the previous one is
 * revoked at once, so instances still using it are cut off and reconnect with the new
 * file when they read it again).
 */
export async function issueServiceCredentials(
  session: AdminSession,
  service: ServiceName,
  options: { rotate?: boolean } = {},
): Promise<{ credentials: string; issued: boolean }> {
  const identity = { kind: 'service', service } as const;
  const existing = session.credentials.find(identity);
  if (existing && !options.rotate) return { credentials: existing, issued: false };
  const credentials = (await session.credentials.issue([identity]))[0] ?? '';
  const at = new Date();
  const action = existing ? 'credentials-rotated' : 'credentials-issued';
  await publishServiceEvents(session.js, 'admin', [
    {
      eventId: auditEventId.credentialChange(`service.${service}`, action, at),
      kind: v1.AuditKind.KEY,
      time: timestampFromDate(at),
      service: 'admin',
      action: `service-${service}-${action}`,
    },
  ]);
  return { credentials, issued: true };
}
