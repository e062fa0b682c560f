import { auditEventId } from '../../libs/audit/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';

/** A SERVICE audit event (start, stop) of one process instance. */
export function serviceEvent(service: string, instanceId: string, action: 'started' | 'stopped'): AuditEventProps {
  return {
    eventId: auditEventId.service(service, instanceId, action),
    kind: v1.AuditKind.SERVICE,
    time: timestampFromDate(new Date()),
    service,
    action,
  };
}
