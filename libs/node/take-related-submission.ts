import { relateNotice } from '../client/index.js';
import { v1, type CaseNotice } from '../proto/index.js';
import type { Submission, SubmissionStore } from './submission-store.js';
import { bodyNoticeId, noticeOfBody, takeIntendedSubmission, type SubmissionRequest } from './take-submission.js';

export interface RelatedSubmissionRequest extends SubmissionRequest {
  kind: v1.RelationKind.REPLY | v1.RelationKind.UPDATE;
  /** The notice the body answers or updates (the route's path). */
  relatedNoticeId: string;
  /** A reply's: the issuer of the notice it answers, added to the addressees where missing. */
  relatedIssuer?: string;
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The submission a reply or an update through the API is: the body's notice, completed as
 * for POST /notices, with relateNotice's relation (and a reply's addressee) added. A body
 * that is the earlier notice edited, its noticeId the earlier one's, is taken as having no
 * noticeId and no issuedAt (they were the earlier notice's): the Idempotency-Key names the
 * new one. What is asked is the body and the notice related to, so that a retry must name
 * both again.
 */
export async function takeRelatedSubmission(
  store: SubmissionStore,
  request: RelatedSubmissionRequest,
  sign: (notice: CaseNotice) => Promise<Uint8Array>,
): Promise<Submission> {
  const { body, kind, relatedNoticeId, idempotencyKey, now } = request;
  const given = bodyNoticeId(body);
  const copied = given !== undefined && sameId(given, relatedNoticeId);
  const { noticeId: _copiedId, issuedAt: _copiedTime, ...fresh } = body;
  const own = copied ? fresh : body;
  const build = noticeOfBody(own, request.agency, now);
  return takeIntendedSubmission(
    store,
    {
      ...(given !== undefined && !copied ? { noticeId: given } : {}),
      noticeIdField: 'body/noticeId',
      asked: { body, [kind === v1.RelationKind.REPLY ? 'replyTo' : 'updates']: relatedNoticeId.toLowerCase() },
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      submittedBy: request.submittedBy,
      now,
    },
    (noticeId) =>
      relateNotice({
        notice: build(noticeId),
        as: request.agency,
        kind,
        relatedNoticeId,
        ...(request.relatedIssuer !== undefined ? { relatedIssuer: request.relatedIssuer } : {}),
        now,
        // The notice has its id already: relateNotice chooses one only for a copy, and the copy's was taken out.
        freshNoticeId: () => noticeId,
      }).notice,
    sign,
  );
}
