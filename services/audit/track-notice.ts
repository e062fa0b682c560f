import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { parseSubject, streams, subjects } from '../../libs/bus/index.js';
import { errorMessage } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import { v1 } from '../../libs/proto/index.js';

const WIDEN_STEPS = new Map<v1.AuditKind, string>([
  [v1.AuditKind.WIDEN_REQUESTED, 'requested'],
  [v1.AuditKind.WIDEN_RELEASED, 'released'],
  [v1.AuditKind.WIDEN_REFUSED, 'refused'],
]);

/** The blocks of the audit stream that hold a notice's records; undefined while loading. */
export type NoticeBlocks = (noticeId: string) => readonly number[] | undefined;

/**
 * What became of a notice, from the audit chain: the handling codes and relations it was
 * accepted with, who received it with which categories (a tombstone, a supplementary view),
 * the requests to widen it and their answers, whose views a withdrawal erased, and who has
 * read it. Only the issuing agency learns this (the agency is the subject's,
 * which the broker lets only that agency's liaisons publish on).
 */
export async function trackNotice(
  jsm: JetStreamManager,
  blocksOf: NoticeBlocks,
  agency: string,
  noticeId: string,
): Promise<v1.TrackReport.$Properties> {
  const blocks = blocksOf(noticeId);
  if (!blocks) return { noticeId, error: 'the audit service is still loading the chain; try again shortly' };
  const records: v1.AuditEvent[] = [];
  for (const seq of blocks) {
    const msg = await jsm.streams.getMessage(streams.audit, { seq });
    if (!msg) throw new Error(`audit block ${seq} is missing`);
    for (const chained of v1.AuditBlock.decode(msg.data).records) {
      const event = v1.AuditRecord.decode(chained.body ?? new Uint8Array()).event;
      if (event?.noticeId === noticeId) records.push(v1.AuditEvent.create(event));
    }
  }
  const issuer = records.find((e) => e.kind === v1.AuditKind.ACCEPTED || e.kind === v1.AuditKind.ROUTED)?.agency;
  if (issuer !== agency) return { noticeId, error: 'no notice of yours has this id' };
  const handling = records.find((e) => e.kind === v1.AuditKind.ACCEPTED)?.handling ?? [];
  const related = records.find((e) => e.kind === v1.AuditKind.ACCEPTED)?.related ?? [];
  const report: v1.TrackReport.$Properties = {
    noticeId,
    status: 'accepted',
    handling,
    relations: related,
    deliveries: [],
    receipts: [],
    widen: [],
    erasedFrom: [],
  };
  const widen = new Map<string, v1.TrackWiden.$Properties>();
  for (const e of records) {
    if (e.kind === v1.AuditKind.ROUTED) report.policyVersion = e.policyVersion;
    if (e.kind === v1.AuditKind.VIEW) {
      report.deliveries?.push({
        recipient: e.recipient,
        categories: e.categories,
        withheldCategories: e.withheldCategories,
        tombstone: e.tombstone,
        requestId: e.requestId,
      });
    }
    if (e.kind === v1.AuditKind.DELIVERED) {
      const delivery = report.deliveries?.find((d) => d.recipient === e.recipient && d.requestId === e.requestId);
      if (delivery && e.time) delivery.deliveredAt = e.time;
    }
    if (e.kind === v1.AuditKind.ERASED) report.erasedFrom?.push(e.recipient);
    const step = WIDEN_STEPS.get(e.kind);
    if (step) {
      const entry = widen.get(e.requestId) ?? { requestId: e.requestId, requester: e.recipient, categories: e.categories };
      widen.set(e.requestId, { ...entry, status: step, ...(e.time ? { at: e.time } : {}) });
    }
    if (e.kind === v1.AuditKind.RECEIPT)
      report.receipts?.push({ agency: e.agency, officer: e.officer, ...(e.time ? { readAt: e.time } : {}) });
  }
  report.widen = [...widen.values()];
  return report;
}

export function serveTrack(nc: NatsConnection, jsm: JetStreamManager, blocksOf: NoticeBlocks, log: Logger): Subscription {
  return nc.subscribe(subjects.trackAll, {
    queue: 'audit',
    callback: (error, msg) => {
      if (error) return;
      const agency = parseSubject.track(msg.subject)?.agency;
      if (!agency) {
        log.warn('track query refused: its subject names no agency', { subject: msg.subject });
        msg.respond(v1.TrackReport.encode({ error: 'the subject names no agency' }).finish());
        return;
      }
      let noticeId = '';
      try {
        noticeId = v1.TrackQuery.decode(msg.data).noticeId;
      } catch {
        msg.respond(v1.TrackReport.encode({ error: 'the query is not a TrackQuery message' }).finish());
        return;
      }
      trackNotice(jsm, blocksOf, agency, noticeId).then(
        (report) => msg.respond(v1.TrackReport.encode(report).finish()),
        (failure: unknown) => {
          log.warn('track failed', { agency, error: errorMessage(failure) });
          msg.respond(v1.TrackReport.encode({ noticeId, error: 'the audit stream could not be read; try again' }).finish());
        },
      );
    },
  });
}
