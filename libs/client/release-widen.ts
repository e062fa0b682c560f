import { decodeManifest } from '../disclosure/index.js';
import { AccordError } from '../errors/index.js';
import { CATEGORIES } from '../notice/index.js';
import { formatTimestamp, timestampFromDate, v1 } from '../proto/index.js';
import { MAX_RELEASE_DAYS, MAX_WIDEN_TEXT } from '../routing/index.js';
import type { SigningKey } from '../signing/index.js';
import { signRelease } from './widen-requests.js';

/** What a recipient may ask for: every field category but core, which every view has. */
export const WIDENABLE_CATEGORIES: readonly string[] = CATEGORIES.filter((c) => c !== 'core');

/** A request's reason, and a refusal's, in characters: what routing takes. */
export const WIDEN_TEXT_MAX_CHARS = MAX_WIDEN_TEXT;

/** How long a release lasts unless the issuer says otherwise, and at most (what routing takes). */
export const RELEASE_DAYS = { default: 7, max: MAX_RELEASE_DAYS } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export const releaseDaysMs = (days: number): number => days * DAY_MS;

/**
 * The request to widen `requestId`, from the agency's list: one addressed to `issuer` and
 * still pending, or why not (E_NOT_FOUND, E_FORBIDDEN, E_CONFLICT).
 */
export function pendingRequest(records: readonly v1.WidenRecord[], requestId: string, issuer: string): v1.WidenRecord {
  const record = records.find((r) => r.requestId.toLowerCase() === requestId.toLowerCase());
  if (!record) throw new AccordError('E_NOT_FOUND', `request ${requestId} is not among ${issuer}'s requests to widen`);
  if (record.issuer !== issuer) {
    throw new AccordError(
      'E_FORBIDDEN',
      `request ${requestId} is addressed to ${record.issuer}, the notice's issuer: only it may release or refuse it`,
    );
  }
  if (record.status !== v1.WidenStatus.PENDING) {
    const when = record.decidedAt ? ` at ${formatTimestamp(record.decidedAt)}` : '';
    throw new AccordError('E_CONFLICT', `request ${requestId} was ${v1.WidenStatus[record.status]}${when} already`);
  }
  return record;
}

export interface ReleaseInput {
  /** The pending request, as the agency's list gave it. */
  record: v1.WidenRecord;
  /** The SignedNotice the issuer published, as it kept it. */
  signedNotice: Uint8Array;
  /** The issuer's signing key: the release is its own consent. */
  key: SigningKey;
  now: Date;
  /** How long the release lasts: more than nothing, at most RELEASE_DAYS.max days. */
  expiresInMs: number;
}

/** The kept copy's notice must be the request's, issued by the releasing agency (E_RELEASE_MISMATCH). */
function assertKeptNotice(record: v1.WidenRecord, signedNotice: Uint8Array): void {
  let core: v1.NoticeCore.$Properties | null | undefined;
  try {
    core = decodeManifest(v1.SignedNotice.decode(signedNotice).manifest, 'E_RELEASE_MISMATCH').core;
  } catch (error) {
    throw new AccordError('E_RELEASE_MISMATCH', `the kept copy of notice ${record.noticeId} is not a signed notice`, { cause: error });
  }
  if ((core?.noticeId ?? '').toLowerCase() !== record.noticeId.toLowerCase() || core?.issuingAgency !== record.issuer) {
    throw new AccordError(
      'E_RELEASE_MISMATCH',
      `the kept copy is notice ${core?.noticeId ?? '?'} of ${core?.issuingAgency ?? '?'}, not ${record.noticeId} of ${record.issuer}`,
    );
  }
}

/**
 * The issuer's release of a request to widen: exactly the request's notice, recipient (its
 * requester) and categories, until now + expiresInMs, signed with the issuer's key, with
 * the notice as the issuer signed it, whose disclosures the supplementary view carries.
 */
export async function buildRelease(input: ReleaseInput): Promise<v1.ReleaseSubmission.$Properties> {
  const { record } = input;
  if (!(input.expiresInMs > 0 && input.expiresInMs <= RELEASE_DAYS.max * DAY_MS)) {
    throw new AccordError('E_WIDEN_INVALID', `a release lasts more than nothing and at most ${RELEASE_DAYS.max} days`);
  }
  assertKeptNotice(record, input.signedNotice);
  const signed = await signRelease(
    {
      requestId: record.requestId,
      noticeId: record.noticeId,
      recipient: record.requester,
      categories: [...record.categories],
      expiresAt: timestampFromDate(new Date(input.now.getTime() + input.expiresInMs)),
    },
    input.key,
  );
  return { release: signed.release, releaseJws: signed.releaseJws, signedNotice: input.signedNotice };
}
