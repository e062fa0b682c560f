import { auditEventId } from '../../libs/audit/index.js';
import type { MicroBatcher } from '../../libs/batching/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { openSubmission, SUBMISSION_CODES, toCaseNotice } from '../../libs/disclosure/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';
import type { RegistrySnapshot } from '../../libs/registry/index.js';
import type { CompiledPolicy } from '../../libs/policy/index.js';
import { decideRouting } from '../../libs/routing/index.js';
import type { Logger } from '../../libs/log/index.js';
import { formatTraceparent, inStageSpan, newTrace, parseTraceparent, type TraceContext } from '../../libs/tracing/index.js';

/**
 * Decides who receives an accepted notice and with which categories, then has redaction
 * build and deliver the views. Returns the ROUTED event and redaction's events.
 */
export async function routeNotice(
  redaction: MicroBatcher<v1.RedactRequest.$Properties, v1.StageReply>,
  registry: RegistrySnapshot,
  policy: CompiledPolicy,
  accepted: v1.AcceptedNotice,
  log: Logger,
): Promise<AuditEventProps[]> {
  // Ingest always sends a trace context; should one be missing, a new trace starts.
  const trace = parseTraceparent(accepted.traceparent) ?? newTrace();
  return inStageSpan('routing', trace, (passOn) => decideAndRedact(redaction, registry, policy, accepted, trace, passOn, log));
}

async function decideAndRedact(
  redaction: MicroBatcher<v1.RedactRequest.$Properties, v1.StageReply>,
  registry: RegistrySnapshot,
  policy: CompiledPolicy,
  accepted: v1.AcceptedNotice,
  trace: TraceContext,
  passOn: TraceContext,
  log: Logger,
): Promise<AuditEventProps[]> {
  const notice = toCaseNotice(openSubmission(accepted, SUBMISSION_CODES).full);
  const issuer = registry.agency(notice.issuingAgency);
  if (!issuer) {
    throw new AccordError('E_UNKNOWN_AGENCY', `issuing agency ${notice.issuingAgency} is no longer registered`, { retryable: true });
  }
  const decision = decideRouting(notice, issuer, registry.agencies(), policy);
  const delivered = decision.agencies.filter((a) => a.delivered);
  const routed: AuditEventProps = {
    eventId: auditEventId.routed(notice.noticeId),
    kind: v1.AuditKind.ROUTED,
    time: timestampFromDate(new Date()),
    service: 'routing',
    noticeId: notice.noticeId,
    agency: notice.issuingAgency,
    ingestSeq: accepted.ingestSeq,
    recipients: delivered.map((a) => a.agency),
    ruleIds: [...new Set(delivered.flatMap((a) => a.ruleIds))].sort(),
    policyVersion: decision.policyVersion,
    traceId: trace.traceId,
  };
  log.info('routed', {
    noticeId: notice.noticeId,
    traceId: trace.traceId,
    recipients: delivered.length,
    policyVersion: decision.policyVersion,
  });
  if (delivered.length === 0) return [routed];

  const reply = await redaction.submit({
    // oxlint-disable-next-line typescript/no-misused-spread -- a decoded protobufjs message holds its fields as own properties: spreading it copies them, which is all create() and encode() need
    notice: { ...accepted, traceparent: formatTraceparent(passOn) },
    grants: delivered.map((a) => ({ recipient: a.agency, categories: a.categories, ruleIds: a.ruleIds })),
    policyVersion: decision.policyVersion,
  });
  if (reply.error?.code) {
    throw new AccordError('E_PROCESSING_FAILED', `redaction: ${reply.error.code}: ${reply.error.message}`, {
      retryable: reply.error.retryable ?? true,
    });
  }
  return [routed, ...reply.events];
}
