import { hash } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { auditEventId } from '../../libs/audit/index.js';
import type { MicroBatcher } from '../../libs/batching/index.js';
import { parseSubject, publishServiceEvents, subjects, type NoticeRegister, type WidenBook, type WidenOp } from '../../libs/bus/index.js';
import { openSubmission, SUBMISSION_CODES, toCaseNotice } from '../../libs/disclosure/index.js';
import { AccordError, errorMessage, isAccordError } from '../../libs/errors/index.js';
import { failpoint } from '../../libs/failpoints/index.js';
import { checkKeyValidity } from '../../libs/ingest/index.js';
import type { Logger } from '../../libs/log/index.js';
import type { CompiledPolicy } from '../../libs/policy/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';
import type { RegistrySnapshot } from '../../libs/registry/index.js';
import {
  admitWidenRequest,
  checkReleaseTerms,
  grantedTo,
  planRelations,
  readRelatedNotices,
  widenedGrant,
} from '../../libs/routing/index.js';
import { inspectDetached, NOTICE_TYP, RELEASE_TYP, verifyDetached, type VerificationKeyCache } from '../../libs/signing/index.js';
import { newTrace, formatTraceparent } from '../../libs/tracing/index.js';
import { stageFailure } from '../shared/stage-reply.js';

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

const now = (): Date => new Date();

/** A copy of a stored request with some fields changed (the stored one stays as read). */
function changed(record: v1.WidenRecord, changes: Partial<v1.WidenRecord.$Properties>): v1.WidenRecord {
  return Object.assign(v1.WidenRecord.decode(v1.WidenRecord.encode(record).finish()), changes);
}

/**
 * Requests to widen, for the agency of the subject (which the broker lets only that
 * agency's adapter and node publish on): a recipient asks, the issuer lists, releases or
 * refuses. Each change is kept (KV accord-widen) and recorded in the audit stream; a
 * release is checked against the issuer's own signatures and the engine's rules, then
 * delivered as a supplementary view. Every op can be asked again with the same bytes: the
 * same answer, nothing stored twice. Reasons are never logged.
 */
export function serveWiden(deps: WidenDeps): Subscription {
  return deps.nc.subscribe(subjects.widenRequestsAll, {
    queue: 'routing',
    callback: (error, msg) => {
      if (error) return;
      void answer(deps, msg);
    },
  });
}

async function answer(deps: WidenDeps, msg: Msg): Promise<void> {
  const asked = parseSubject.widenRequest(msg.subject);
  let reply: v1.WidenAnswer.$Properties;
  try {
    if (!asked) throw new AccordError('E_REQUEST_INVALID', 'the subject names no widen op');
    reply = { requests: await perform(deps, asked.agency, asked.op, msg.data) };
  } catch (failure) {
    const known = isAccordError(failure);
    if (!known || failure.retryable) deps.log.warn('widen op failed', { agency: asked?.agency, error: errorMessage(failure) });
    reply = {
      error: known
        ? { code: failure.code, message: failure.message, retryable: failure.retryable }
        : { code: 'E_UNAVAILABLE', message: 'the bus could not answer; try again', retryable: true },
    };
  }
  msg.respond(v1.WidenAnswer.encode(reply).finish());
}

function decoded<T>(decode: () => T, what: string): T {
  try {
    return decode();
  } catch (error) {
    throw new AccordError('E_REQUEST_INVALID', `not an accord.v1.${what}: ${errorMessage(error)}`, { cause: error });
  }
}

async function perform(deps: WidenDeps, agency: string, op: WidenOp, data: Uint8Array): Promise<v1.WidenRecord.$Properties[]> {
  switch (op) {
    case 'request':
      return [
        await request(
          deps,
          agency,
          decoded(() => v1.WidenRequest.decode(data), 'WidenRequest'),
        ),
      ];
    case 'list':
      return (await deps.book.all())
        .filter((r) => r.requester === agency || r.issuer === agency)
        .sort((a, b) => Number(b.requestedAt?.seconds ?? 0) - Number(a.requestedAt?.seconds ?? 0));
    case 'refuse':
      return [
        await refuse(
          deps,
          agency,
          decoded(() => v1.WidenRefusal.decode(data), 'WidenRefusal'),
        ),
      ];
    case 'release':
      return [
        await release(
          deps,
          agency,
          decoded(() => v1.ReleaseSubmission.decode(data), 'ReleaseSubmission'),
        ),
      ];
  }
}

function widenEvent(kind: v1.AuditKind, record: v1.WidenRecord.$Properties, extra: Partial<AuditEventProps> = {}): AuditEventProps {
  const requestId = record.requestId ?? '';
  return {
    eventId: auditEventId.widen(requestId, v1.AuditKind[kind] ?? String(kind)),
    kind,
    time: timestampFromDate(now()),
    service: 'routing',
    noticeId: record.noticeId ?? '',
    agency: record.issuer ?? '',
    recipient: record.requester ?? '',
    categories: record.categories ?? [],
    requestId,
    ...extra,
  };
}

async function request(deps: WidenDeps, requester: string, asked: v1.WidenRequest): Promise<v1.WidenRecord.$Properties> {
  const existing = await deps.book.get(asked.requestId);
  if (existing) {
    const same = existing.record.requester === requester && existing.record.noticeId === asked.noticeId;
    if (!same) throw new AccordError('E_CONFLICT', `request id ${asked.requestId} is taken: choose another`);
    return existing.record;
  }
  const record = admitWidenRequest(asked, requester, await deps.register.read(asked.noticeId), now());
  await deps.book.create(record);
  // The reason stays with the request, for the issuer: the audit stream holds who asked what of whom, never words.
  await publishServiceEvents(deps.js, 'routing', [widenEvent(v1.AuditKind.WIDEN_REQUESTED, record)]);
  deps.log.info('widen requested', { noticeId: record.noticeId ?? '', agency: requester, recipient: record.issuer ?? '' });
  return record;
}

async function issuersRequest(deps: WidenDeps, issuer: string, requestId: string) {
  const stored = await deps.book.get(requestId);
  if (!stored) throw new AccordError('E_NOT_FOUND', `no request ${requestId}`);
  if (stored.record.issuer !== issuer) throw new AccordError('E_FORBIDDEN', `request ${requestId} is not addressed to ${issuer}`);
  return stored;
}

async function refuse(deps: WidenDeps, issuer: string, refusal: v1.WidenRefusal): Promise<v1.WidenRecord.$Properties> {
  const { record, revision } = await issuersRequest(deps, issuer, refusal.requestId);
  if (record.status === v1.WidenStatus.REFUSED) return record;
  if (record.status !== v1.WidenStatus.PENDING) throw new AccordError('E_CONFLICT', `request ${record.requestId} was released already`);
  if (refusal.refusal.length > 2000) throw new AccordError('E_WIDEN_INVALID', 'the refusal is longer than 2,000 characters');
  const refused = changed(record, { status: v1.WidenStatus.REFUSED, decidedAt: timestampFromDate(now()), refusal: refusal.refusal.trim() });
  await deps.book.update(refused, revision);
  await publishServiceEvents(deps.js, 'routing', [widenEvent(v1.AuditKind.WIDEN_REFUSED, refused)]);
  deps.log.info('widen refused', { noticeId: record.noticeId, agency: issuer, recipient: record.requester });
  return refused;
}

/** The issuer's key a signature names: registered, the issuer's own, valid now. */
async function issuerKey(deps: WidenDeps, issuer: string, jws: string, typ: string) {
  const header = inspectDetached(jws, typ);
  const key = deps.registry.key(header.kid);
  if (!key || key.agency !== issuer) throw new AccordError('E_RELEASE_SIGNATURE', `${typ} is not signed by a key of ${issuer}`);
  return { header, key, verification: await deps.keys.get(key.jwk) };
}

async function release(deps: WidenDeps, issuer: string, submission: v1.ReleaseSubmission): Promise<v1.WidenRecord.$Properties> {
  const terms = decoded(() => v1.Release.decode(submission.release), 'Release');
  const { record, revision } = await issuersRequest(deps, issuer, terms.requestId);
  const releaseDigest = hash('sha256', submission.release, 'buffer');
  const again = record.status === v1.WidenStatus.RELEASED && Buffer.from(record.releaseDigest ?? []).equals(releaseDigest);
  if (record.status !== v1.WidenStatus.PENDING && !again)
    throw new AccordError(
      'E_CONFLICT',
      `request ${record.requestId} was ${v1.WidenStatus[record.status]?.toLowerCase() ?? 'decided'} already`,
    );

  // The release: the issuer's consent, under a key of its own that is valid now.
  try {
    const signer = await issuerKey(deps, issuer, submission.releaseJws, RELEASE_TYP);
    const invalid = checkKeyValidity(signer.key, now());
    if (invalid) throw new AccordError('E_RELEASE_SIGNATURE', `the release's key: ${invalid.message}`);
    await verifyDetached(signer.header, submission.release, signer.verification);
  } catch (error) {
    if (isAccordError(error) && error.code === 'E_RELEASE_SIGNATURE') throw error;
    throw new AccordError('E_RELEASE_SIGNATURE', `the release does not verify as ${issuer}'s: ${errorMessage(error)}`, { cause: error });
  }
  if (!again) checkReleaseTerms(terms, record, now());

  // The notice, as the issuer signed it and the bus delivered it.
  const notice = decoded(() => v1.SignedNotice.decode(submission.signedNotice), 'SignedNotice');
  const registered = await deps.register.read(record.noticeId);
  if (!registered || registered.withdrawnBy) throw new AccordError('E_WIDEN_INVALID', `${record.noticeId} is no longer delivered`);
  if (!Buffer.from(registered.manifestDigest).equals(hash('sha256', notice.manifest, 'buffer')))
    throw new AccordError('E_RELEASE_MISMATCH', `the notice sent is not ${record.noticeId} as the bus delivered it`);
  try {
    const signer = await issuerKey(deps, issuer, notice.jws, NOTICE_TYP);
    await verifyDetached(signer.header, notice.manifest, signer.verification);
  } catch (error) {
    throw new AccordError('E_RELEASE_SIGNATURE', `the notice sent does not verify as ${issuer}'s: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const opened = openSubmission(notice, SUBMISSION_CODES);
  const full = toCaseNotice(opened.full);
  const issuerAgency = deps.registry.agency(issuer);
  const recipient = deps.registry.agency(record.requester ?? '');
  if (!issuerAgency || !recipient) throw new AccordError('E_WIDEN_INVALID', 'the issuer or the requester is no longer registered');
  const categories = widenedGrant(full, issuerAgency, recipient, grantedTo(registered, recipient.id) ?? [], record.categories ?? []);
  const ruleIds = [...((registered.deliveries ?? []).find((d) => d.agency === recipient.id)?.ruleIds ?? []), `release:${record.requestId}`];
  const related = await readRelatedNotices(deps.register, full);

  const reply = await deps.redaction.submit({
    notice: {
      manifest: notice.manifest,
      manifestJws: notice.jws,
      disclosures: notice.disclosures,
      protectedManifest: notice.protectedManifest,
      protectedJws: notice.protectedJws,
      protectedDisclosures: notice.protectedDisclosures,
      signerKid: inspectDetached(notice.jws, NOTICE_TYP).kid,
      receivedAt: timestampFromDate(now()),
      traceparent: formatTraceparent(newTrace()),
    },
    grants: [
      {
        recipient: recipient.id,
        categories,
        ruleIds,
        relatedNoticeIds: planRelations(full, [recipient.id], related.known, []).relatedFor(recipient.id),
      },
    ],
    policyVersion: deps.policy().version,
    supplement: { requestId: record.requestId ?? '', release: submission.release, releaseJws: submission.releaseJws },
  });
  if (reply.error?.code) throw stageFailure('redaction', reply.error);
  failpoint('widen-after-delivery');
  const delivered = reply.events.find((e) => e.kind === v1.AuditKind.DELIVERED);
  const released = changed(record, {
    status: v1.WidenStatus.RELEASED,
    decidedAt: (again ? record.decidedAt : undefined) ?? timestampFromDate(now()),
    releaseDigest,
    deliverySeq: Number(delivered?.deliverySeq ?? 0),
  });
  if (!again) {
    // The register knows the supplementary view too: a withdrawal erases it with the others.
    const known = registered.deliveries.some((d) => Number(d.deliverySeq) === released.deliverySeq);
    const supplementary = { agency: recipient.id, deliverySeq: released.deliverySeq, categories, ruleIds };
    if (!known) {
      registered.deliveries.push(v1.RecordedDelivery.create(supplementary));
      await deps.register.write(registered);
    }
    await deps.book.update(released, revision);
  }
  await publishServiceEvents(deps.js, 'routing', [widenEvent(v1.AuditKind.WIDEN_RELEASED, released), ...reply.events]);
  deps.log.info('widen released', { noticeId: record.noticeId, agency: issuer, recipient: recipient.id });
  return released;
}
