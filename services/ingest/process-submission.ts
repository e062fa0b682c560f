import type { JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { auditEventId } from '../../libs/audit/index.js';
import type { MicroBatcher } from '../../libs/batching/index.js';
import { parseSubject, streams, subjects, type NoticeRegister } from '../../libs/bus/index.js';
import { AccordError, errorMessage, isAccordError, toReasonCode, type ReasonCode } from '../../libs/errors/index.js';
import { failpoint } from '../../libs/failpoints/index.js';
import {
  checkAddressees,
  checkRelations,
  refuse,
  unverifiedNoticeId,
  verifySubmission,
  type Refused,
  type Verified,
  type VerifyContext,
} from '../../libs/ingest/index.js';
import type { Logger } from '../../libs/log/index.js';
import type { AccordMetrics } from '../../libs/metrics/index.js';
import { formatTraceparent, inStageSpan, newTrace, parseTraceparent, TRACEPARENT, type TraceContext } from '../../libs/tracing/index.js';
import {
  dateFromTimestamp,
  timestampFromDate,
  timestampFromNanos,
  v1,
  type AuditEventProps,
  type Timestamp,
} from '../../libs/proto/index.js';
import { keyedDigest } from '../../libs/signing/index.js';
import { acceptedNoticeSize, stageClient } from '../shared/stage-client.js';
import { stageFailure } from '../shared/stage-reply.js';
import { writeDecision, writeQuarantine } from './decision-writer.js';
import type { RateLimiter } from './rate-limiter.js';
import { seenClaim, type SeenNotices } from './seen-notices.js';

export interface ProcessorDeps {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  seen: SeenNotices;
  /** Earlier notices, for the relations a notice names. */
  register: NoticeRegister;
  rate: RateLimiter;
  verify: VerifyContext;
  secret: Uint8Array;
  log: Logger;
  metrics: AccordMetrics;
  stageTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
}

interface Submission {
  msg: JsMsg;
  agency: string;
  seq: number;
  receivedAt: Timestamp;
  received: AuditEventProps;
  /** The submission's trace (from the adapter's traceparent, else a new one) and what ingest passes on. */
  trace: TraceContext;
  passOn: TraceContext;
  /** An earlier attempt sent it to routing, as found when this attempt began: views of it may be stored. */
  routedBefore: boolean;
}

/** What every log line about a submission carries. */
const logged = (s: Submission) => ({ traceId: s.trace.traceId, agency: s.agency, seq: s.seq, attempt: s.msg.info.deliveryCount });

const now = (): Timestamp => timestampFromDate(new Date());

/**
 * Takes one submission from the ingest stream to its end: quarantined with a reason, or
 * routed and delivered. It is acknowledged only after its decision, its deliveries and
 * its audit events are stored; any failure before that leaves it to be redelivered, and
 * every write on the way is idempotent. A stage's failure is retried only when the stage
 * marks it retryable; otherwise the submission is quarantined at once with the stage's
 * code. A submission an earlier attempt sent to routing is never quarantined (views of it
 * may be stored, and none is both delivered and quarantined): it is retried until delivered.
 */
export class SubmissionProcessor {
  /** Submissions in hand together reach routing in one request. */
  private readonly routing: MicroBatcher<v1.AcceptedNotice.$Properties, v1.StageReply>;

  constructor(private readonly deps: ProcessorDeps) {
    const codec = {
      encodeBatch: (notices: v1.AcceptedNotice.$Properties[]) => v1.RouteBatch.encode({ notices }).finish(),
      sizeOf: acceptedNoticeSize,
    };
    this.routing = stageClient(deps.nc, subjects.route, codec, deps.stageTimeoutMs);
  }

  async process(msg: JsMsg): Promise<void> {
    const agency = parseSubject.ingest(msg.subject)?.agency;
    if (!agency) {
      // The stream takes only accord.ingest.<token>; without an agency there is no quarantine to put it in.
      this.deps.log.error('submission on a subject that names no agency dropped', { subject: msg.subject, seq: msg.seq });
      msg.term();
      return;
    }
    const seq = msg.seq;
    const receivedAt = timestampFromNanos(msg.timestampNanos);
    const trace = parseTraceparent(msg.headers?.get(TRACEPARENT)) ?? newTrace();
    const received: AuditEventProps = {
      eventId: auditEventId.received(agency, seq),
      kind: v1.AuditKind.RECEIVED,
      time: receivedAt,
      service: 'ingest',
      agency,
      ingestSeq: seq,
      digest: keyedDigest(this.deps.secret, 'accord/submission', msg.data),
      traceId: trace.traceId,
    };
    if (msg.info.deliveryCount > 1) this.deps.metrics.redeliveries.inc();
    else this.deps.metrics.received.inc();
    await this.deps.metrics.time('ingest', () =>
      inStageSpan('ingest', trace, async (passOn) => {
        const s: Submission = { msg, agency, seq, receivedAt, received, trace, passOn, routedBefore: false };
        try {
          await this.decide(s);
        } catch (error) {
          this.retryLater(s, error);
        }
      }),
    );
  }

  private async decide(s: Submission): Promise<void> {
    // A redelivered submission may have been decided already (its ack was lost, or it
    // comes back after the broker's dedup window): then there is nothing left to do.
    if (s.msg.info.deliveryCount > 1 && (await this.alreadyDecided(s))) {
      await s.msg.ackAck();
      return;
    }
    s.routedBefore = await this.routedBefore(s);
    if (s.msg.info.deliveryCount > this.deps.maxAttempts) {
      if (!s.routedBefore) {
        await this.giveUp(s);
        return;
      }
      this.cannotQuarantine(s, 'E_PROCESSING_FAILED', `failed ${s.msg.info.deliveryCount - 1} times`);
    }
    const outcome = await verifySubmission(s.msg.data, s.agency, s.receivedAt, this.deps.verify);
    if (!outcome.ok) {
      await this.quarantineUnlessRouted(s, outcome);
      return;
    }
    const refused = await this.checkAdmission(s, outcome);
    if (refused) {
      await this.quarantineUnlessRouted(s, refused);
      return;
    }
    const { notice } = outcome;
    const stageEvents = await this.route(s, outcome);
    if (!Array.isArray(stageEvents)) {
      // This attempt claimed the notice id just before routing; quarantined, the submission
      // gives the claim up so that the notice can be sent again.
      if (!s.routedBefore) await this.deps.seen.release(notice.noticeId, seenClaim(s.agency, s.seq));
      await this.quarantineUnlessRouted(s, stageEvents);
      return;
    }
    const accepted: AuditEventProps = {
      eventId: auditEventId.accepted(notice.noticeId),
      kind: v1.AuditKind.ACCEPTED,
      time: now(),
      service: 'ingest',
      agency: s.agency,
      ingestSeq: s.seq,
      noticeId: notice.noticeId,
      kid: outcome.kid,
      traceId: s.trace.traceId,
      handling: notice.handling ?? [],
      related: notice.relations.map((r) => `${v1.RelationKind[r.kind ?? 0] ?? String(r.kind)}:${r.noticeId ?? ''}`),
    };
    await writeDecision(this.deps.js, {
      agency: s.agency,
      ingestSeq: s.seq,
      noticeId: notice.noticeId,
      status: v1.DecisionStatus.DECISION_ACCEPTED,
      events: [s.received, accepted, ...stageEvents],
    });
    failpoint('crash-after-decision');
    await s.msg.ackAck();
    this.deps.metrics.accepted.inc();
    this.deps.log.info('accepted', {
      ...logged(s),
      noticeId: notice.noticeId,
      recipients: stageEvents.filter((e) => e.kind === v1.AuditKind.DELIVERED).length,
    });
  }

  /**
   * After verification, in order: replay, rate, addressees, relations; then the notice id is
   * claimed for this submission. Only an accepted notice counts as seen, so one refused
   * here for a passing reason (rate) can be sent again.
   */
  private async checkAdmission(s: Submission, verified: Verified): Promise<Refused | undefined> {
    const { notice, kid } = verified;
    const known = { noticeId: notice.noticeId, kid };
    const claim = seenClaim(s.agency, s.seq);
    const seen = await this.deps.seen.check(notice.noticeId, claim);
    if (seen === 'other-submission') return duplicate(verified);
    // Claimed by this very submission on an earlier attempt: it was admitted then.
    if (seen === 'this-submission') return undefined;
    if (!(await this.deps.rate.admit(s.agency, s.seq, dateFromTimestamp(s.receivedAt)))) {
      return refuse('E_RATE_LIMITED', `${s.agency} exceeded its submission rate`, known);
    }
    const unknownAddressee = checkAddressees(notice, this.deps.verify.registry);
    if (unknownAddressee) return { ...unknownAddressee, kid };
    const badRelation = await checkRelations(notice, (id) => this.deps.register.read(id));
    if (badRelation) return { ...badRelation, kid };
    if (!(await this.deps.seen.claim(notice.noticeId, claim))) return duplicate(verified);
    failpoint('crash-after-claim');
    return undefined;
  }

  /**
   * Routing decides and redaction delivers; the reply carries their audit events, or a
   * stage's refusal: a failure not retryable, so nothing of this attempt was stored.
   * A retryable failure is thrown, to be tried again.
   */
  private async route(s: Submission, verified: Verified): Promise<AuditEventProps[] | Refused> {
    const reply = await this.routing.submit({
      manifest: verified.manifest,
      manifestJws: verified.jws,
      disclosures: verified.disclosures,
      protectedManifest: verified.protectedManifest,
      protectedJws: verified.protectedJws,
      protectedDisclosures: verified.protectedDisclosures,
      signerKid: verified.kid,
      ingestSeq: s.seq,
      receivedAt: s.receivedAt,
      traceparent: formatTraceparent(s.passOn),
      redelivered: s.msg.info.deliveryCount > 1,
    });
    if (!reply.error?.code) return reply.events;
    const failure = stageFailure('routing', reply.error);
    if (failure.retryable) throw failure;
    return refuse(toReasonCode(failure.code), failure.message, { noticeId: verified.notice.noticeId, kid: verified.kid });
  }

  /**
   * Quarantines a refused submission, unless an earlier attempt sent it to routing: then
   * views of it may be stored, and since the registry or the policy may have changed
   * since (a key revoked, an agency removed), it is tried again instead.
   */
  private async quarantineUnlessRouted(s: Submission, refused: Refused): Promise<void> {
    if (!s.routedBefore) {
      await this.quarantine(s, refused);
      return;
    }
    this.cannotQuarantine(s, refused.code, refused.message);
    throw new AccordError(refused.code, refused.message, { retryable: true });
  }

  private cannotQuarantine(s: Submission, code: ReasonCode, reason: string): void {
    this.deps.metrics.unquarantinable.inc({ code });
    this.deps.log.error('not quarantined: an earlier attempt sent it to routing, so views of it may be stored; retried until delivered', {
      ...logged(s),
      code,
      reason,
    });
  }

  /**
   * Whether an earlier attempt of this submission claimed its notice id, which it does
   * just before asking routing. Only a redelivery can have had one.
   */
  private async routedBefore(s: Submission): Promise<boolean> {
    if (s.msg.info.deliveryCount === 1) return false;
    const noticeId = unverifiedNoticeId(s.msg.data);
    return noticeId !== undefined && (await this.deps.seen.check(noticeId, seenClaim(s.agency, s.seq))) === 'this-submission';
  }

  private async quarantine(s: Submission, refused: Refused): Promise<void> {
    const facts = {
      agency: s.agency,
      ingestSeq: s.seq,
      noticeId: refused.noticeId ?? '',
      code: refused.code,
      path: refused.path ?? '',
      kid: refused.kid ?? '',
    };
    await writeQuarantine(this.deps.js, { ...facts, receivedAt: s.receivedAt, submission: s.msg.data });
    const quarantined: AuditEventProps = {
      ...facts,
      eventId: auditEventId.quarantined(s.agency, s.seq),
      kind: v1.AuditKind.QUARANTINED,
      time: now(),
      service: 'ingest',
      traceId: s.trace.traceId,
    };
    await writeDecision(this.deps.js, {
      ...facts,
      status: v1.DecisionStatus.DECISION_QUARANTINED,
      events: [s.received, quarantined],
    });
    await s.msg.ackAck();
    this.deps.metrics.quarantined.inc({ code: facts.code });
    // E_PROCESSING_FAILED stands for causes outside the contract's codes: the log keeps the cause.
    const cause = facts.code === 'E_PROCESSING_FAILED' ? { error: refused.message } : {};
    this.deps.log.info('quarantined', { ...logged(s), code: facts.code, path: facts.path, noticeId: facts.noticeId, ...cause });
  }

  private async alreadyDecided(s: Submission): Promise<boolean> {
    const stored = await this.deps.jsm.direct
      .getMessage(streams.events, { last_by_subj: subjects.decision(s.agency, s.seq) })
      .catch(() => null);
    return stored !== null;
  }

  /**
   * A submission that failed too often, and never reached routing, is quarantined rather
   * than retried for ever: with its own refusal if it has one, else E_PROCESSING_FAILED.
   */
  private async giveUp(s: Submission): Promise<void> {
    const outcome = await verifySubmission(s.msg.data, s.agency, s.receivedAt, this.deps.verify).catch(() => undefined);
    if (outcome && !outcome.ok) {
      await this.quarantine(s, outcome);
      return;
    }
    await this.quarantine(s, {
      ok: false,
      code: 'E_PROCESSING_FAILED',
      message: `failed ${s.msg.info.deliveryCount - 1} times`,
      ...(outcome ? { noticeId: outcome.notice.noticeId, kid: outcome.kid } : {}),
    });
  }

  private retryLater(s: Submission, error: unknown): void {
    const attempt = s.msg.info.deliveryCount;
    const delay = Math.min(this.deps.retryBaseMs * 2 ** (attempt - 1), 30_000);
    const code = isAccordError(error) ? error.code : 'E_UNAVAILABLE';
    this.deps.log.warn('will retry', { ...logged(s), delayMs: delay, code, error: errorMessage(error) });
    s.msg.nak(delay);
  }
}

function duplicate(v: Verified): Refused {
  const code: ReasonCode = 'E_DUPLICATE';
  return {
    ok: false,
    code,
    message: `noticeId ${v.notice.noticeId} was already accepted`,
    noticeId: v.notice.noticeId,
    kid: v.kid,
    path: 'noticeId',
  };
}
