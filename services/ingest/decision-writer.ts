import type { JetStreamClient } from '@nats-io/jetstream';
import { messageIds, subjects } from '../../libs/bus/index.js';
import { timestampFromDate, v1, type AuditEventProps, type Timestamp } from '../../libs/proto/index.js';

export interface DecisionInput {
  agency: string;
  ingestSeq: number;
  noticeId: string;
  status: v1.DecisionStatus;
  code?: string;
  path?: string;
  events: AuditEventProps[];
}

/**
 * Ingest's decision on one submission, with the audit events of every stage for it, in
 * one durable write keyed by the submission: a retry after a crash is the same write.
 */
export async function writeDecision(js: JetStreamClient, d: DecisionInput): Promise<void> {
  const decision = v1.Decision.encode({
    ingestSeq: d.ingestSeq,
    agency: d.agency,
    noticeId: d.noticeId,
    status: d.status,
    code: d.code ?? '',
    path: d.path ?? '',
    decidedAt: timestampFromDate(new Date()),
    events: d.events,
  }).finish();
  await js.publish(subjects.decision(d.agency, d.ingestSeq), decision, { msgID: messageIds.decision(d.agency, d.ingestSeq) });
}

export interface QuarantineInput {
  agency: string;
  ingestSeq: number;
  noticeId: string;
  code: string;
  path: string;
  kid: string;
  receivedAt: Timestamp;
  submission: Uint8Array;
}

/** The refused submission, kept whole with its reason: nothing is silently dropped. */
export async function writeQuarantine(js: JetStreamClient, q: QuarantineInput): Promise<void> {
  const record = v1.QuarantineRecord.encode({ ...q, quarantinedAt: timestampFromDate(new Date()) }).finish();
  await js.publish(subjects.quarantine(q.agency), record, { msgID: messageIds.quarantine(q.agency, q.ingestSeq) });
}
