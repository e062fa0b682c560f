import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { auditEventId } from '../../libs/audit/index.js';
import type { MicroBatcher } from '../../libs/batching/index.js';
import type { NoticeRegister, StoredWiden, WidenBook } from '../../libs/bus/index.js';
import { AccordError } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import { isNoticeId } from '../../libs/notice/index.js';
import type { CompiledPolicy } from '../../libs/policy/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';
import type { RegistrySnapshot } from '../../libs/registry/index.js';
import type { VerificationKeyCache } from '../../libs/signing/index.js';

/** What routing's answers to requests to widen work with. */
export interface WidenDeps {
  nc: NatsConnection;
  js: JetStreamClient;
  register: NoticeRegister;
  book: WidenBook;
  registry: RegistrySnapshot;
  keys: VerificationKeyCache;
  policy: () => CompiledPolicy;
  redaction: MicroBatcher<v1.RedactRequest.$Properties, v1.StageReply>;
  log: Logger;
}

/** A copy of a stored request with some fields changed (the stored one stays as read). */
export function changed(record: v1.WidenRecord, changes: Partial<v1.WidenRecord.$Properties>): v1.WidenRecord {
  return Object.assign(v1.WidenRecord.decode(v1.WidenRecord.encode(record).finish()), changes);
}

/** A request addressed to the issuer asking about it. */
export async function issuersRequest(deps: WidenDeps, issuer: string, requestId: string): Promise<StoredWiden> {
  if (!isNoticeId(requestId)) throw new AccordError('E_WIDEN_INVALID', 'requestId: expected a UUID');
  const stored = await deps.book.get(requestId);
  if (!stored) throw new AccordError('E_NOT_FOUND', `no request ${requestId}`);
  if (stored.record.issuer !== issuer) throw new AccordError('E_FORBIDDEN', `request ${requestId} is not addressed to ${issuer}`);
  return stored;
}

/** A step of a request in the audit stream: ids, agencies and categories, never the reason. */
export function widenEvent(kind: v1.AuditKind, record: v1.WidenRecord.$Properties): AuditEventProps {
  const requestId = record.requestId ?? '';
  return {
    eventId: auditEventId.widen(requestId, v1.AuditKind[kind] ?? String(kind)),
    kind,
    time: record.decidedAt ?? record.requestedAt ?? timestampFromDate(new Date()),
    service: 'routing',
    noticeId: record.noticeId ?? '',
    agency: record.issuer ?? '',
    recipient: record.requester ?? '',
    categories: record.categories ?? [],
    requestId,
  };
}
