import { createHash, randomUUID } from 'node:crypto';
import { AccordError } from '../errors/index.js';
import { noticeFromJsonObject } from '../notice/index.js';
import type { CaseNotice } from '../proto/index.js';
import type { Submission, SubmissionStore } from './submission-store.js';

export interface SubmissionRequest {
  /** The notice JSON as sent. */
  body: Record<string, unknown>;
  idempotencyKey?: string;
  /** The node's agency: the notice's issuingAgency, filled in or checked. */
  agency: string;
  /** Who asks (`token:NAME`, `officer:NAME`). */
  submittedBy: string;
  now: Date;
}

/** A digest of the body as sent (keys sorted), so a retry is recognised whatever its key order. */
export function bodyDigest(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

function assertSameBody(earlier: Submission, digest: string, byKey: boolean): Submission {
  if (earlier.bodyDigest === digest) return earlier;
  throw new AccordError(
    'E_CONFLICT',
    byKey
      ? `Idempotency-Key ${earlier.idempotencyKey ?? ''} was used before with another body: a new notice needs a new key`
      : `notice ${earlier.noticeId} was submitted before with another body: a new notice needs a new noticeId`,
    { path: byKey ? 'headers/idempotency-key' : 'body/noticeId' },
  );
}

function earlierOf(store: SubmissionStore, noticeId: string | undefined, key: string | undefined, digest: string): Submission | undefined {
  const byId = noticeId !== undefined ? store.find(noticeId) : undefined;
  if (byId) return assertSameBody(byId, digest, false);
  const byKey = key !== undefined ? store.findByIdempotencyKey(key) : undefined;
  return byKey ? assertSameBody(byKey, digest, true) : undefined;
}

/**
 * The submission a POST /notices is: a retry (same noticeId, or same Idempotency-Key, with
 * the same body) is the earlier one; otherwise the notice is completed (noticeId,
 * issuingAgency, issuedAt), checked, signed and recorded with its signed bytes, before
 * anything is published.
 */
export async function takeSubmission(
  store: SubmissionStore,
  request: SubmissionRequest,
  sign: (notice: CaseNotice) => Promise<Uint8Array>,
): Promise<Submission> {
  const { body, idempotencyKey: key } = request;
  const given = body.noticeId;
  if (given !== undefined && typeof given !== 'string') {
    throw new AccordError('E_REQUEST_INVALID', 'noticeId must be a UUID string', { path: 'body/noticeId' });
  }
  if (given === undefined && key === undefined) {
    throw new AccordError(
      'E_REQUEST_INVALID',
      'a notice without noticeId needs an Idempotency-Key header, so that a retry is the same submission',
      {
        path: 'headers/idempotency-key',
      },
    );
  }
  const digest = bodyDigest(body);
  const earlier = earlierOf(store, given, key, digest);
  if (earlier) return earlier;
  if (body.issuingAgency !== undefined && body.issuingAgency !== request.agency) {
    throw new AccordError('E_SUBJECT_MISMATCH', `issuingAgency must be this node's agency, ${request.agency}`, {
      path: 'body/issuingAgency',
    });
  }
  const notice = noticeFromJsonObject({
    ...body,
    noticeId: given ?? randomUUID(),
    issuingAgency: request.agency,
    issuedAt: body.issuedAt ?? request.now.toISOString(),
  });
  const signed = await sign(notice);
  try {
    store.record(
      {
        noticeId: notice.noticeId,
        bodyDigest: digest,
        submittedBy: request.submittedBy,
        submittedAt: request.now.toISOString(),
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      },
      signed,
    );
  } catch (error) {
    // Two identical requests at once: the other one recorded it first.
    const raced = earlierOf(store, notice.noticeId, key, digest);
    if (!raced) throw error;
    return raced;
  }
  const recorded = store.find(notice.noticeId);
  if (!recorded) throw new AccordError('E_STATE', `submission ${notice.noticeId} was recorded but cannot be read back`);
  return recorded;
}
