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

function assertSameBody(earlier: Submission, digest: string, idField: string | undefined): Submission {
  if (earlier.bodyDigest === digest) return earlier;
  const name = idField?.split('/').at(-1) ?? '';
  throw new AccordError(
    'E_CONFLICT',
    idField === undefined
      ? `Idempotency-Key ${earlier.idempotencyKey ?? ''} was used before with another body: a new notice needs a new key`
      : `notice ${earlier.noticeId} was submitted before with another body: a new notice needs a new ${name}`,
    { path: idField ?? 'headers/idempotency-key' },
  );
}

function earlierOf(store: SubmissionStore, intent: SubmissionIntent, digest: string, noticeId = intent.noticeId): Submission | undefined {
  const byId = noticeId !== undefined ? store.find(noticeId) : undefined;
  if (byId) return assertSameBody(byId, digest, intent.noticeIdField);
  const key = intent.idempotencyKey;
  const byKey = key !== undefined ? store.findByIdempotencyKey(key) : undefined;
  return byKey ? assertSameBody(byKey, digest, undefined) : undefined;
}

/** A submission as any publishing route asks for it, whatever its body: a notice, a withdrawal's reason. */
export interface SubmissionIntent {
  /** The submitted notice's own id, when the request names it; otherwise the Idempotency-Key must. */
  noticeId?: string;
  /** Where the request names that id (`body/noticeId`): the field a conflict names. */
  noticeIdField: string;
  /** What was asked, as sent, with what the route's path names: its digest is kept, and a retry must ask the same. */
  asked: unknown;
  idempotencyKey?: string;
  /** Who asks (`token:NAME`, `officer:NAME`). */
  submittedBy: string;
  now: Date;
}

/**
 * The submission a publishing request is: a retry (same noticeId, or same Idempotency-Key,
 * asking the same) is the earlier one; otherwise `build` makes the notice under its id
 * (the one named, or a fresh one), which is signed and recorded with its signed bytes
 * before anything is published.
 */
export async function takeIntendedSubmission(
  store: SubmissionStore,
  intent: SubmissionIntent,
  build: (noticeId: string) => CaseNotice,
  sign: (notice: CaseNotice) => Promise<Uint8Array>,
): Promise<Submission> {
  const { noticeId: given, idempotencyKey: key } = intent;
  if (given === undefined && key === undefined) {
    const name = intent.noticeIdField.split('/').at(-1) ?? '';
    throw new AccordError(
      'E_REQUEST_INVALID',
      `a request without ${name} needs an Idempotency-Key header, so that a retry is the same submission`,
      {
        path: 'headers/idempotency-key',
      },
    );
  }
  const digest = bodyDigest(intent.asked);
  const earlier = earlierOf(store, intent, digest);
  if (earlier) return earlier;
  const notice = build(given ?? randomUUID());
  const signed = await sign(notice);
  try {
    store.record(
      {
        noticeId: notice.noticeId,
        bodyDigest: digest,
        submittedBy: intent.submittedBy,
        submittedAt: intent.now.toISOString(),
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      },
      signed,
    );
  } catch (error) {
    // Two identical requests at once: the other one recorded it first.
    const raced = earlierOf(store, intent, digest, notice.noticeId);
    if (!raced) throw error;
    return raced;
  }
  const recorded = store.find(notice.noticeId);
  if (!recorded) throw new AccordError('E_STATE', `submission ${notice.noticeId} was recorded but cannot be read back`);
  return recorded;
}

/** The body's noticeId, when it has one; anything but a string is refused. */
export function bodyNoticeId(body: Record<string, unknown>): string | undefined {
  const given = body.noticeId;
  if (given !== undefined && typeof given !== 'string') {
    throw new AccordError('E_REQUEST_INVALID', 'noticeId must be a UUID string', { path: 'body/noticeId' });
  }
  return given;
}

/** The notice a body of notice JSON makes under `noticeId`: issuingAgency filled in (another agency's refused), issuedAt now where absent. */
export function noticeOfBody(body: Record<string, unknown>, agency: string, now: Date): (noticeId: string) => CaseNotice {
  return (noticeId) => {
    if (body.issuingAgency !== undefined && body.issuingAgency !== agency) {
      throw new AccordError('E_SUBJECT_MISMATCH', `issuingAgency must be this node's agency, ${agency}`, {
        path: 'body/issuingAgency',
      });
    }
    return noticeFromJsonObject({ ...body, noticeId, issuingAgency: agency, issuedAt: body.issuedAt ?? now.toISOString() });
  };
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
  const { body, idempotencyKey } = request;
  const noticeId = bodyNoticeId(body);
  return takeIntendedSubmission(
    store,
    {
      ...(noticeId !== undefined ? { noticeId } : {}),
      noticeIdField: 'body/noticeId',
      asked: body,
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      submittedBy: request.submittedBy,
      now: request.now,
    },
    noticeOfBody(body, request.agency, request.now),
    sign,
  );
}
