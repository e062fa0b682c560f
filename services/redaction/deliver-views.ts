import { JetStreamApiError, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { auditEventId } from '../../libs/audit/index.js';
import { messageIds, streams, subjects } from '../../libs/bus/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import { failpoint } from '../../libs/failpoints/index.js';
import { openSubmission, SUBMISSION_CODES } from '../../libs/disclosure/index.js';
import { isCategory, type Category } from '../../libs/notice/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';
import { buildTombstone, buildViewTemplate, personaliseView, type ViewTemplate } from '../../libs/redaction/index.js';
import { keyedDigest, signDetached, VIEW_TYP, type SigningKey } from '../../libs/signing/index.js';
import type { Logger } from '../../libs/log/index.js';
import type { AccordMetrics } from '../../libs/metrics/index.js';
import { formatTraceparent, inStageSpan, newTrace, parseTraceparent, TRACEPARENT, type TraceContext } from '../../libs/tracing/index.js';

/** A signed view or tombstone, ready to store, with what its VIEW record says of it. */
interface Prepared {
  recipient: string;
  viewBytes: Uint8Array;
  signed: Uint8Array;
  audit: Pick<AuditEventProps, 'categories' | 'withheldCategories' | 'ruleIds' | 'tombstone'>;
}

export interface DeliverDeps {
  js: JetStreamClient;
  /** Deletes a withdrawn notice's views from the deliveries stream. */
  jsm: JetStreamManager;
  busKey: SigningKey;
  secret: Uint8Array;
  pseudonymKey: Uint8Array;
  gridDegrees: number;
  metrics: AccordMetrics;
  log: Logger;
}

/**
 * Builds, signs and stores each recipient's view. Redaction and scrubbing run once per
 * distinct grant set, not per recipient. Each delivery's Nats-Msg-Id is deterministic
 * and so are the views, so a redelivered submission stores nothing twice. A failure
 * before the first delivery is stored goes back as it is; any failure after is retryable.
 */
export async function deliverViews(deps: DeliverDeps, request: v1.RedactRequest): Promise<AuditEventProps[]> {
  // Routing always sends a trace context; one missing starts a new trace.
  const trace = parseTraceparent(request.notice?.traceparent ?? undefined) ?? newTrace();
  return deps.metrics.time('redaction', () => inStageSpan('redaction', trace, (passOn) => buildAndStore(deps, request, trace, passOn)));
}

async function buildAndStore(
  deps: DeliverDeps,
  request: v1.RedactRequest,
  trace: TraceContext,
  passOn: TraceContext,
): Promise<AuditEventProps[]> {
  const accepted = request.notice ?? v1.AcceptedNotice.create();
  const manifest = accepted.manifest ?? new Uint8Array();
  const opened = openSubmission({ ...accepted, manifest, disclosures: accepted.disclosures ?? [] }, SUBMISSION_CODES);
  const notice = { noticeId: opened.main.core.noticeId ?? '', issuingAgency: opened.main.core.issuingAgency ?? '' };
  const templates = new Map<string, ViewTemplate>();
  const templateFor = (granted: ReadonlySet<Category>, ruleIds: readonly string[], related: readonly string[]): ViewTemplate => {
    const key = `${[...granted].sort().join(',')}|${ruleIds.join(',')}|${[...related].sort().join(',')}`;
    let template = templates.get(key);
    if (!template) {
      template = buildViewTemplate({
        notice: opened,
        signed: {
          manifest,
          manifestJws: accepted.manifestJws ?? '',
          protectedManifest: accepted.protectedManifest ?? new Uint8Array(),
          protectedJws: accepted.protectedJws ?? '',
        },
        signerKid: accepted.signerKid ?? '',
        granted,
        ruleIds,
        policyVersion: request.policyVersion,
        receivedAt: accepted.receivedAt ?? timestampFromDate(new Date(0)),
        secret: deps.secret,
        gridDegrees: deps.gridDegrees,
        relatedNoticeIds: new Set(related),
      });
      templates.set(key, template);
    }
    return template;
  };

  const receivedAt = accepted.receivedAt ?? timestampFromDate(new Date(0));
  // A supplementary view (a release) has ids of its own: the recipient's first view of the notice stays as it was.
  const supplement = request.supplement?.requestId ? request.supplement : undefined;
  const ids = {
    delivery: (recipient: string) =>
      supplement
        ? messageIds.supplement(notice.noticeId, recipient, supplement.requestId ?? '')
        : messageIds.delivery(notice.noticeId, recipient),
    view: (recipient: string) =>
      supplement ? auditEventId.widen(supplement.requestId ?? '', `view/${recipient}`) : auditEventId.view(notice.noticeId, recipient),
    delivered: (recipient: string) =>
      supplement
        ? auditEventId.widen(supplement.requestId ?? '', `delivered/${recipient}`)
        : auditEventId.delivered(notice.noticeId, recipient),
  };
  const sign = async (view: v1.DeliveredView): Promise<{ viewBytes: Uint8Array; signed: Uint8Array }> => {
    const viewBytes = v1.DeliveredView.encode(view).finish();
    const jws = await signDetached(viewBytes, deps.busKey, VIEW_TYP);
    return { viewBytes, signed: v1.SignedView.encode({ format: 1, view: viewBytes, jws }).finish() };
  };
  // Every view and tombstone is built and signed before any is stored, so a failure here
  // stored nothing and goes back as it is: a refusal or a bug is not retried.
  const views = await Promise.all(
    request.grants.map(async ({ recipient = '', categories = [], ruleIds = [], relatedNoticeIds = [] }): Promise<Prepared> => {
      if (!recipient) throw new AccordError('E_STATE', 'a grant names no recipient');
      const granted = new Set<Category>((categories ?? []).filter(isCategory));
      const template = templateFor(granted, ruleIds ?? [], relatedNoticeIds ?? []);
      const { view, withheldCategories } = personaliseView(template, recipient, deps.pseudonymKey);
      if (supplement) view.supplement = v1.Supplement.create(supplement);
      return {
        recipient,
        ...(await sign(view)),
        audit: { categories: [...granted].sort(), withheldCategories, ruleIds: ruleIds ?? [] },
      };
    }),
  );
  const tombstones = await Promise.all(
    (request.tombstones ?? []).map(async ({ recipient = '', noticeIds = [] }): Promise<Prepared> => {
      if (!recipient) throw new AccordError('E_STATE', 'a tombstone names no recipient');
      const view = buildTombstone({
        notice: opened,
        recipient,
        noticeIds: noticeIds ?? [],
        policyVersion: request.policyVersion,
        receivedAt,
      });
      return { recipient, ...(await sign(view)), audit: { tombstone: true } };
    }),
  );
  const perRecipient = await Promise.all(
    [...views, ...tombstones].map(async ({ recipient, viewBytes, signed, audit }) => {
      const headers = natsHeaders();
      headers.set(TRACEPARENT, formatTraceparent(passOn));
      const ack = await deps.js.publish(subjects.deliver(recipient), signed, {
        msgID: ids.delivery(recipient),
        headers,
      });
      // A redelivered submission stores nothing twice, and counts nothing twice.
      if (!ack.duplicate) deps.metrics.deliveries.inc({ agency: recipient });
      failpoint('after-delivery');
      const time = timestampFromDate(new Date());
      const common = {
        service: 'redaction',
        noticeId: notice.noticeId,
        agency: notice.issuingAgency,
        recipient,
        time,
        traceId: trace.traceId,
        ...(supplement ? { requestId: supplement.requestId ?? '' } : {}),
      };
      const viewEvent: AuditEventProps = {
        ...common,
        ...audit,
        eventId: ids.view(recipient),
        kind: v1.AuditKind.VIEW,
        digest: keyedDigest(deps.secret, 'accord/view', viewBytes),
        policyVersion: request.policyVersion,
      };
      const deliveredEvent: AuditEventProps = {
        ...common,
        eventId: ids.delivered(recipient),
        kind: v1.AuditKind.DELIVERED,
        deliverySeq: ack.seq,
        ...(audit.tombstone ? { tombstone: true } : {}),
      };
      return [viewEvent, deliveredEvent];
    }),
  ).catch((error: unknown) => {
    // Some deliveries may be stored: whatever failed, the notice is tried again until all
    // are (the same views under the same message ids), never given up half delivered.
    throw new AccordError('E_UNAVAILABLE', `storing the views of ${notice.noticeId}: ${errorMessage(error)}`, {
      retryable: true,
      cause: error,
    });
  });
  const erased = await eraseWithdrawn(deps, request.erasures ?? [], notice, trace.traceId);
  deps.log.info('delivered', {
    noticeId: notice.noticeId,
    traceId: trace.traceId,
    recipients: views.length,
    tombstones: tombstones.length,
    erased: erased.length,
  });
  return [...perRecipient.flat(), ...erased];
}

/**
 * The message is gone already (expired, or erased by an earlier attempt): the server says
 * so as "no message found", in a delete failure (10057) or on its own (10037).
 */
function alreadyGone(error: unknown): boolean {
  if (!(error instanceof JetStreamApiError)) return false;
  const api = error.apiError();
  return api.err_code === 10037 || (api.err_code === 10057 && /no message found/i.test(api.description ?? ''));
}

/**
 * Deletes the withdrawn notice's views from the deliveries stream, overwritten (erase),
 * once every tombstone is stored: each deletion is recorded (ERASED), and one already
 * done by an earlier attempt counts as done.
 */
async function eraseWithdrawn(
  deps: DeliverDeps,
  erasures: readonly v1.IErasure[],
  withdrawal: { noticeId: string; issuingAgency: string },
  traceId: string,
): Promise<AuditEventProps[]> {
  const events: AuditEventProps[] = [];
  for (const e of erasures) {
    const seq = Number(e.deliverySeq ?? 0);
    try {
      await deps.jsm.streams.deleteMessage(streams.deliveries, seq, true);
    } catch (error) {
      if (!alreadyGone(error))
        throw new AccordError('E_UNAVAILABLE', `erasing delivery ${seq}: ${errorMessage(error)}`, { retryable: true, cause: error });
    }
    failpoint('after-erasure');
    events.push({
      eventId: auditEventId.erased(e.noticeId ?? '', e.recipient ?? '', seq),
      kind: v1.AuditKind.ERASED,
      time: timestampFromDate(new Date()),
      service: 'redaction',
      noticeId: e.noticeId ?? '',
      agency: withdrawal.issuingAgency,
      recipient: e.recipient ?? '',
      deliverySeq: seq,
      related: [withdrawal.noticeId],
      traceId,
    });
  }
  return events;
}
