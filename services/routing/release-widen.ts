import { hash } from 'node:crypto';
import { publishServiceEvents } from '../../libs/bus/index.js';
import { openSubmission, SUBMISSION_CODES, toCaseNotice } from '../../libs/disclosure/index.js';
import { AccordError, errorMessage, isAccordError } from '../../libs/errors/index.js';
import { failpoint } from '../../libs/failpoints/index.js';
import { checkKeyValidity } from '../../libs/ingest/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';
import { checkReleaseTerms, grantedTo, planRelations, readRelatedNotices, widenedGrant, withDelivery } from '../../libs/routing/index.js';
import { inspectDetached, NOTICE_TYP, PROTECTED_TYP, RELEASE_TYP, verifyDetached } from '../../libs/signing/index.js';
import { formatTraceparent, newTrace } from '../../libs/tracing/index.js';
import { stageFailure } from '../shared/stage-reply.js';
import { changed, issuersRequest, widenEvent, type WidenDeps } from './widen-deps.js';

/** The issuer's key a signature names: registered, the issuer's own. */
async function issuerKey(deps: WidenDeps, issuer: string, jws: string, typ: string) {
  const header = inspectDetached(jws, typ);
  const key = deps.registry.key(header.kid);
  if (!key || key.agency !== issuer) throw new AccordError('E_RELEASE_SIGNATURE', `${typ} is not signed by a key of ${issuer}`);
  return { header, key, verification: await deps.keys.get(key.jwk) };
}

function signatureFailure(what: string, issuer: string, error: unknown): AccordError {
  if (isAccordError(error) && error.code === 'E_RELEASE_SIGNATURE') return error;
  return new AccordError('E_RELEASE_SIGNATURE', `${what} does not verify as ${issuer}'s: ${errorMessage(error)}`, { cause: error });
}

/** The release: the issuer's consent, under a key of its own that is valid now. */
async function checkReleaseSignature(deps: WidenDeps, issuer: string, submission: v1.ReleaseSubmission): Promise<void> {
  try {
    const signer = await issuerKey(deps, issuer, submission.releaseJws, RELEASE_TYP);
    const invalid = checkKeyValidity(signer.key, new Date());
    if (invalid) throw new AccordError('E_RELEASE_SIGNATURE', `the release's key: ${invalid.message}`);
    await verifyDetached(signer.header, submission.release, signer.verification);
  } catch (error) {
    throw signatureFailure('the release', issuer, error);
  }
}

/** The notice as the issuer signed it: its manifests under a key of the issuer's (as at ingest). */
async function checkNoticeSignatures(deps: WidenDeps, issuer: string, notice: v1.SignedNotice): Promise<void> {
  try {
    const signer = await issuerKey(deps, issuer, notice.jws, NOTICE_TYP);
    await verifyDetached(signer.header, notice.manifest, signer.verification);
    if (notice.protectedManifest.length > 0) {
      const protectedHeader = inspectDetached(notice.protectedJws, PROTECTED_TYP);
      if (protectedHeader.kid !== signer.header.kid)
        throw new AccordError('E_RELEASE_SIGNATURE', 'the protected manifest is signed by another key');
      await verifyDetached(protectedHeader, notice.protectedManifest, signer.verification);
    }
  } catch (error) {
    throw signatureFailure('the notice sent', issuer, error);
  }
}

function decodedNotice(bytes: Uint8Array): v1.SignedNotice {
  try {
    return v1.SignedNotice.decode(bytes);
  } catch (error) {
    throw new AccordError('E_REQUEST_INVALID', `signedNotice is not an accord.v1.SignedNotice: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * An issuer's release, in three steps each kept before the next: everything checked, the
 * request RELEASING (under the revision read, so a refusal racing it loses, or wins and
 * this is E_CONFLICT); the supplementary view delivered, its received_at the moment the
 * release was taken so that a retry makes the very same view (and the same message id);
 * RELEASED. The same release again finishes a RELEASING request, and is answered as done
 * for a RELEASED one, delivering nothing more.
 */
export async function release(deps: WidenDeps, issuer: string, submission: v1.ReleaseSubmission): Promise<v1.WidenRecord.$Properties> {
  let terms: v1.Release;
  try {
    terms = v1.Release.decode(submission.release);
  } catch (error) {
    throw new AccordError('E_REQUEST_INVALID', `release is not an accord.v1.Release: ${errorMessage(error)}`, { cause: error });
  }
  const stored = await issuersRequest(deps, issuer, terms.requestId);
  const releaseDigest = hash('sha256', submission.release, 'buffer');
  const same = Buffer.from(stored.record.releaseDigest ?? []).equals(releaseDigest);
  const status = stored.record.status;
  if (status === v1.WidenStatus.RELEASED && same) {
    await publishServiceEvents(deps.js, 'routing', [widenEvent(v1.AuditKind.WIDEN_RELEASED, stored.record)]);
    return stored.record;
  }
  if (status !== v1.WidenStatus.PENDING && !(status === v1.WidenStatus.RELEASING && same))
    throw new AccordError(
      'E_CONFLICT',
      `request ${stored.record.requestId} was ${(v1.WidenStatus[status] ?? 'decided').toLowerCase()} already`,
    );

  await checkReleaseSignature(deps, issuer, submission);
  const record = stored.record;
  const notice = decodedNotice(submission.signedNotice);
  const registered = await deps.register.read(record.noticeId);
  if (!registered || registered.withdrawnBy)
    throw new AccordError('E_WIDEN_INVALID', `${record.noticeId} was withdrawn: nothing to release`);
  if (registered.supersededBy)
    throw new AccordError(
      'E_WIDEN_INVALID',
      `${record.noticeId} was updated by ${registered.supersededBy}: its recipients hold the new version`,
    );
  if (!Buffer.from(registered.manifestDigest).equals(hash('sha256', notice.manifest, 'buffer')))
    throw new AccordError('E_RELEASE_MISMATCH', `the notice sent is not ${record.noticeId} as the bus delivered it`);
  await checkNoticeSignatures(deps, issuer, notice);
  const full = toCaseNotice(openSubmission(notice, SUBMISSION_CODES).full);
  const issuerAgency = deps.registry.agency(issuer);
  const recipient = deps.registry.agency(record.requester);
  if (!issuerAgency || !recipient) throw new AccordError('E_WIDEN_INVALID', 'the issuer or the requester is no longer registered');
  const categories = widenedGrant(full, issuerAgency, recipient, grantedTo(registered, recipient.id) ?? [], record.categories);

  let releasing = record;
  let revision = stored.revision;
  if (status === v1.WidenStatus.PENDING) {
    checkReleaseTerms(terms, record, new Date());
    releasing = changed(record, { status: v1.WidenStatus.RELEASING, decidedAt: timestampFromDate(new Date()), releaseDigest });
    await deps.book.update(releasing, revision);
    revision = (await deps.book.get(record.requestId))?.revision ?? revision;
  }

  const earlier = (registered.deliveries ?? []).find((d) => d.agency === recipient.id);
  const ruleIds = [...(earlier?.ruleIds ?? []), `release:${record.requestId}`];
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
      receivedAt: releasing.decidedAt ?? timestampFromDate(new Date()),
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
    supplement: { requestId: record.requestId, release: submission.release, releaseJws: submission.releaseJws },
  });
  if (reply.error?.code) throw stageFailure('redaction', reply.error);
  failpoint('widen-after-delivery');
  const deliverySeq = Number(reply.events.find((e) => e.kind === v1.AuditKind.DELIVERED)?.deliverySeq ?? 0);
  const now = await deps.register.change(record.noticeId, withDelivery({ agency: recipient.id, deliverySeq, categories, ruleIds }));
  // Withdrawn while the view was on its way: the withdrawal's erasures ran before it was recorded.
  if (now?.withdrawnBy) await eraseLate(deps, record.noticeId, recipient.id, deliverySeq, notice);
  const released = changed(releasing, { status: v1.WidenStatus.RELEASED, deliverySeq });
  await deps.book.update(released, revision);
  const events: AuditEventProps[] = [widenEvent(v1.AuditKind.WIDEN_RELEASED, released), ...reply.events];
  await publishServiceEvents(deps.js, 'routing', events);
  deps.log.info('widen released', { noticeId: record.noticeId, agency: issuer, recipient: recipient.id });
  return released;
}

/** The supplementary view of a notice withdrawn meanwhile, erased as the withdrawal erased the others. */
async function eraseLate(
  deps: WidenDeps,
  noticeId: string,
  recipient: string,
  deliverySeq: number,
  notice: v1.SignedNotice,
): Promise<void> {
  const reply = await deps.redaction.submit({
    notice: {
      manifest: notice.manifest,
      manifestJws: notice.jws,
      disclosures: notice.disclosures,
      traceparent: formatTraceparent(newTrace()),
    },
    grants: [],
    policyVersion: deps.policy().version,
    erasures: [{ noticeId, recipient, deliverySeq }],
  });
  if (reply.error?.code) throw stageFailure('redaction', reply.error);
  await publishServiceEvents(deps.js, 'routing', reply.events);
}
