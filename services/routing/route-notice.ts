import { hash } from 'node:crypto';
import { auditEventId } from '../../libs/audit/index.js';
import type { MicroBatcher } from '../../libs/batching/index.js';
import { AccordError, errorMessage, isAccordError } from '../../libs/errors/index.js';
import { failpoint } from '../../libs/failpoints/index.js';
import { openSubmission, SUBMISSION_CODES, toCaseNotice } from '../../libs/disclosure/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';
import { countedTlpOf, type RegistrySnapshot } from '../../libs/registry/index.js';
import { statisticsRecordOf } from '../../libs/statistics/index.js';
import type { CompiledPolicy } from '../../libs/policy/index.js';
import {
  decideRouting,
  planRelations,
  readRelatedNotices,
  unclaimedBy,
  type ContentDelivery,
  type RelationPlan,
} from '../../libs/routing/index.js';
import type { NoticeRegister } from '../../libs/bus/index.js';
import type { Logger } from '../../libs/log/index.js';
import { formatTraceparent, inStageSpan, newTrace, parseTraceparent, type TraceContext } from '../../libs/tracing/index.js';
import { stageFailure } from '../shared/stage-reply.js';

/** Stores routing's record of a notice for the statistics service, under an id that makes a retry the same write. */
export type StatisticsSink = (record: v1.StatisticsRecord.$Properties) => Promise<void>;

/**
 * Decides who receives an accepted notice and with which categories, then has redaction
 * build and deliver the views, and sends the statistics service the notice's record.
 * Returns the ROUTED event and redaction's events; a failure of redaction is passed on
 * retryable or not as redaction said (it alone knows whether it stored anything).
 */
export async function routeNotice(
  statistics: StatisticsSink,
  redaction: MicroBatcher<v1.RedactRequest.$Properties, v1.StageReply>,
  register: NoticeRegister,
  registry: RegistrySnapshot,
  policy: CompiledPolicy,
  accepted: v1.AcceptedNotice,
  log: Logger,
): Promise<AuditEventProps[]> {
  // Ingest always sends a trace context; should one be missing, a new trace starts.
  const trace = parseTraceparent(accepted.traceparent) ?? newTrace();
  return inStageSpan('routing', trace, (passOn) =>
    decideAndRedact(statistics, redaction, register, registry, policy, accepted, trace, passOn, log),
  );
}

async function decideAndRedact(
  statistics: StatisticsSink,
  redaction: MicroBatcher<v1.RedactRequest.$Properties, v1.StageReply>,
  register: NoticeRegister,
  registry: RegistrySnapshot,
  policy: CompiledPolicy,
  accepted: v1.AcceptedNotice,
  trace: TraceContext,
  passOn: TraceContext,
  log: Logger,
): Promise<AuditEventProps[]> {
  const notice = toCaseNotice(openSubmission(accepted, SUBMISSION_CODES).full);
  const issuer = registry.agency(notice.issuingAgency);
  // Deregistered since ingest accepted the notice: no retry will find it, and nothing is delivered yet.
  if (!issuer) throw new AccordError('E_UNKNOWN_AGENCY', `issuing agency ${notice.issuingAgency} is no longer registered`);
  const decision = decideRouting(notice, issuer, registry.agencies(), policy);
  const related = notice.relations.length > 0 ? await readRelatedNotices(register, notice) : { known: new Map(), thread: [] };
  const plan = planRelations(
    notice,
    decision.agencies.filter((a) => a.delivered).map((a) => a.agency),
    related.known,
    related.thread,
  );
  // A redelivered submission of a notice withdrawn since: its views were erased, none is sent
  // again. Only a redelivery can find its notice in the register, so only it looks.
  const own = accepted.redelivered ? await registerCall(() => register.read(notice.noticeId)) : undefined;
  const withdrawnSince = own?.withdrawnBy !== undefined && own.withdrawnBy !== '' && own.withdrawnBy !== notice.noticeId;
  const delivered = plan.deliversContent && !withdrawnSince ? decision.agencies.filter((a) => a.delivered) : [];
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
    tombstones: plan.tombstones.length,
    policyVersion: decision.policyVersion,
  });
  // Withdrawn since: the withdrawal took it out of the statistics, and nothing of it is sent again.
  if (withdrawnSince) return [routed];
  // Sent once the notice is delivered (a notice refused for good is not counted), and before
  // the register knows it: no update or withdrawal of it can reach the statistics first.
  const counted = countedTlpOf(issuer).some((level) => v1.Tlp[level] === notice.tlp);
  const record = statisticsRecordOf(notice, counted);
  const sendStatistics = async (): Promise<void> => {
    if (record) await statistics(record);
  };
  if (delivered.length === 0 && plan.tombstones.length === 0) {
    await sendStatistics();
    await writeRecords(register, plan, [], accepted.manifest);
    return [routed];
  }

  // The version an update or withdrawal names is claimed first: of two racing for it, the
  // other is refused (E_RELATION) before anything of it is stored.
  const claim = plan.claim;
  if (claim) await registerCall(() => register.change(claim.noticeId, claim.change));
  failpoint('before-redaction');
  const reply = await redaction.submit({
    // oxlint-disable-next-line typescript/no-misused-spread -- a decoded protobufjs message holds its fields as own properties: spreading it copies them, which is all create() and encode() need
    notice: { ...accepted, traceparent: formatTraceparent(passOn) },
    grants: delivered.map((a) => ({
      recipient: a.agency,
      categories: a.categories,
      ruleIds: a.ruleIds,
      relatedNoticeIds: plan.relatedFor(a.agency),
    })),
    policyVersion: decision.policyVersion,
    tombstones: plan.tombstones,
    erasures: plan.erasures,
  });
  if (reply.error?.code) {
    const failure = stageFailure('redaction', reply.error);
    // Refused for good, nothing stored: the claim goes with it.
    if (claim && !failure.retryable) await registerCall(() => register.change(claim.noticeId, unclaimedBy(notice.noticeId)));
    throw failure;
  }
  const grants = new Map(delivered.map((a) => [a.agency, a]));
  const contentDeliveries = reply.events.flatMap((e): ContentDelivery[] => {
    const grant = grants.get(e.recipient ?? '');
    if (e.kind !== v1.AuditKind.DELIVERED || !grant) return [];
    return [{ agency: grant.agency, deliverySeq: Number(e.deliverySeq ?? 0), categories: grant.categories, ruleIds: grant.ruleIds }];
  });
  await sendStatistics();
  // Only once every view is stored: a notice is known to the register, and can be related to, when delivered.
  await writeRecords(register, plan, contentDeliveries, accepted.manifest);
  return [routed, ...reply.events];
}

async function writeRecords(
  register: NoticeRegister,
  plan: RelationPlan,
  delivered: ContentDelivery[],
  manifest: Uint8Array,
): Promise<void> {
  for (const { noticeId, change } of plan.changes(delivered, hash('sha256', manifest, 'buffer')))
    await registerCall(() => register.change(noticeId, change));
}

/** The register's failures are the bus's own, and retried; a claim refused (E_RELATION) is the notice's. */
async function registerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isAccordError(error) && !error.retryable) throw error;
    throw new AccordError('E_UNAVAILABLE', `the notice register: ${errorMessage(error)}`, { retryable: true, cause: error });
  }
}
