import { auditEventId, officerDigest } from '../../libs/audit/index.js';
import { parseSubject } from '../../libs/bus/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { v1, type AuditEventProps, type Timestamp } from '../../libs/proto/index.js';
import { isAgencyId } from '../../libs/registry/index.js';

const MAX_OFFICER_LENGTH = 128;

/** The receipt's time is when it reached the bus: a liaison's own clock is not evidence. */
function receiptEvent(agency: string, data: Uint8Array, receivedAt: Timestamp): AuditEventProps {
  const receipt = v1.Receipt.decode(data);
  if (receipt.agency !== agency) throw new AccordError('E_SUBJECT_MISMATCH', `receipt for ${receipt.agency} published as ${agency}`);
  if (!receipt.noticeId || !receipt.officer || receipt.officer.length > MAX_OFFICER_LENGTH) {
    throw new AccordError('E_SCHEMA', 'receipt needs a noticeId and an officer of at most 128 characters');
  }
  const event: AuditEventProps = {
    eventId: auditEventId.receipt(agency, receipt.noticeId, officerDigest(receipt.officer)),
    kind: v1.AuditKind.RECEIPT,
    service: 'liaison',
    agency,
    noticeId: receipt.noticeId,
    officer: receipt.officer,
    time: receivedAt,
  };
  return event;
}

/**
 * The audit events a message of ACCORD_EVENTS carries, by its subject: a decision with its
 * submission's events, a service's own events, or a liaison's read receipt.
 */
export function eventsFromMessage(subject: string, data: Uint8Array, receivedAt: Timestamp): AuditEventProps[] {
  if (parseSubject.decision(subject)) return v1.Decision.decode(data).events;
  if (parseSubject.serviceEvents(subject)) return v1.AuditEventBatch.decode(data).events;
  const receipt = parseSubject.receiptEvents(subject);
  if (receipt) {
    if (!isAgencyId(receipt.agency)) throw new AccordError('E_SCHEMA', 'receipt subject names no agency');
    return [receiptEvent(receipt.agency, data, receivedAt)];
  }
  throw new AccordError('E_SCHEMA', `no audit events on subject ${subject}`);
}
