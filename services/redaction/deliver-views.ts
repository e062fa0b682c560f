import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { auditEventId } from '../../libs/audit/index.js';
import { messageIds, subjects } from '../../libs/bus/index.js';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import { failpoint } from '../../libs/failpoints/index.js';
import { openSubmission, SUBMISSION_CODES } from '../../libs/disclosure/index.js';
import { isCategory, type Category } from '../../libs/notice/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';
import { buildViewTemplate, personaliseView, type ViewTemplate } from '../../libs/redaction/index.js';
import { keyedDigest, signDetached, VIEW_TYP, type SigningKey } from '../../libs/signing/index.js';
import type { Logger } from '../../libs/log/index.js';
import type { AccordMetrics } from '../../libs/metrics/index.js';
import { formatTraceparent, inStageSpan, newTrace, parseTraceparent, TRACEPARENT, type TraceContext } from '../../libs/tracing/index.js';

export interface DeliverDeps {
  js: JetStreamClient;
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
  const templateFor = (granted: ReadonlySet<Category>, ruleIds: readonly string[]): ViewTemplate => {
    const key = `${[...granted].sort().join(',')}|${ruleIds.join(',')}`;
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
      });
      templates.set(key, template);
    }
    return template;
  };

  // Every view is built and signed before any is stored, so a failure here stored nothing
  // and goes back as it is: a refusal or a bug is not retried.
  const prepared = await Promise.all(
    request.grants.map(async ({ recipient = '', categories = [], ruleIds = [] }) => {
      if (!recipient) throw new AccordError('E_STATE', 'a grant names no recipient');
      const granted = new Set<Category>((categories ?? []).filter(isCategory));
      const { view, withheldCategories } = personaliseView(templateFor(granted, ruleIds ?? []), recipient, deps.pseudonymKey);
      const viewBytes = v1.DeliveredView.encode(view).finish();
      const jws = await signDetached(viewBytes, deps.busKey, VIEW_TYP);
      const signed = v1.SignedView.encode({ format: 1, view: viewBytes, jws }).finish();
      return { recipient, ruleIds, granted, withheldCategories, viewBytes, signed };
    }),
  );
  const perRecipient = await Promise.all(
    prepared.map(async ({ recipient, ruleIds, granted, withheldCategories, viewBytes, signed }) => {
      const headers = natsHeaders();
      headers.set(TRACEPARENT, formatTraceparent(passOn));
      const ack = await deps.js.publish(subjects.deliver(recipient), signed, {
        msgID: messageIds.delivery(notice.noticeId, recipient),
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
      };
      const viewEvent: AuditEventProps = {
        ...common,
        eventId: auditEventId.view(notice.noticeId, recipient),
        kind: v1.AuditKind.VIEW,
        digest: keyedDigest(deps.secret, 'accord/view', viewBytes),
        categories: [...granted].sort(),
        withheldCategories,
        policyVersion: request.policyVersion,
        ruleIds: ruleIds ?? [],
      };
      const deliveredEvent: AuditEventProps = {
        ...common,
        eventId: auditEventId.delivered(notice.noticeId, recipient),
        kind: v1.AuditKind.DELIVERED,
        deliverySeq: ack.seq,
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
  deps.log.info('delivered', { noticeId: notice.noticeId, traceId: trace.traceId, recipients: perRecipient.length });
  return perRecipient.flat();
}
