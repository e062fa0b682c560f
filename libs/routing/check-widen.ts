import { AccordError } from '../errors/index.js';
import { isCategory, isNoticeId, type Category } from '../notice/index.js';
import { noticeFacts } from '../policy/index.js';
import { dateFromTimestamp, timestampFromDate, v1, type CaseNotice, type Timestamp } from '../proto/index.js';
import type { Agency } from '../registry/index.js';
import { enforceInvariants } from './enforce-invariants.js';
import { tlpMembership } from './tlp-recipient-set.js';

/** Characters of a request's reason, or of the issuer's refusal. */
export const MAX_WIDEN_TEXT = 2000;
/** A release is consent to deliver within a while, not at any time later (a view delivered stays). */
export const MAX_RELEASE_DAYS = 30;
const DAY_MS = 86_400_000;
/** Clocks differ: a release made for the longest time on the issuer's is not refused on the bus's. */
const CLOCK_TOLERANCE_MS = 10 * 60_000;

const invalid = (message: string): AccordError => new AccordError('E_WIDEN_INVALID', message);

/** What a recipient was granted of a notice over all its views (a supplementary one adds), per the register. */
export function grantedTo(record: v1.NoticeRecord.$Properties, agency: string): string[] | undefined {
  const deliveries = (record.deliveries ?? []).filter((d) => d.agency === agency);
  return deliveries.length > 0 ? [...new Set(deliveries.flatMap((d) => d.categories ?? []))].sort() : undefined;
}

/**
 * A reason or a refusal as the bus keeps it: trimmed, plain text (no control characters,
 * C0 or C1, but line breaks), at most MAX_WIDEN_TEXT characters; E_WIDEN_INVALID.
 */
export function checkWidenText(text: string, what: string, { required }: { required: boolean }): string {
  const trimmed = text.trim();
  if (required && !trimmed) throw invalid(`give ${what}`);
  if (trimmed.length > MAX_WIDEN_TEXT) throw invalid(`${what} is ${trimmed.length} characters; at most ${MAX_WIDEN_TEXT}`);
  // oxlint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(trimmed)) throw invalid(`${what} holds control characters`);
  return trimmed;
}

/**
 * A recipient's request, checked against the register: a notice the bus delivered to it
 * and not withdrawn, categories of the contract it was not granted, a reason. The record
 * as the bus keeps it, PENDING; E_WIDEN_INVALID saying what is wrong.
 */
export function admitWidenRequest(
  request: v1.WidenRequest,
  requester: string,
  notice: v1.NoticeRecord.$Properties | undefined,
  now: Date,
): v1.WidenRecord.$Properties {
  if (!isNoticeId(request.requestId)) throw invalid('requestId: expected a UUID chosen by the requester');
  // A notice the requester never received is answered as one the bus does not know: the
  // refusal must not tell it that the notice exists.
  const granted = notice && grantedTo(notice, requester);
  if (!notice || !granted) throw invalid(`${request.noticeId} is no notice ${requester} received (or the bus no longer keeps it)`);
  if (notice.withdrawnBy) throw invalid(`${request.noticeId} was withdrawn by its issuer`);
  if (notice.supersededBy) throw invalid(`${request.noticeId} was updated by ${notice.supersededBy}: ask about the latest version`);
  if (request.categories.length === 0) throw invalid('name at least one category');
  const asked = new Set<string>();
  for (const c of request.categories) {
    if (!isCategory(c) || c === 'core') throw invalid(`"${c}" is not a category that can be asked for`);
    if (granted.includes(c)) throw invalid(`${c} was granted already`);
    if (asked.has(c)) throw invalid(`${c} is asked for twice`);
    asked.add(c);
  }
  const reason = checkWidenText(request.reason, 'the reason', { required: true });
  return {
    requestId: request.requestId,
    noticeId: request.noticeId,
    requester,
    issuer: notice.issuingAgency ?? '',
    categories: [...asked].sort(),
    reason,
    status: v1.WidenStatus.PENDING,
    requestedAt: timestampFromDate(now),
  };
}

/**
 * The issuer's release against the request it answers: the same notice, recipient and
 * categories (a release made for another request or recipient is not this one's:
 * E_RELEASE_MISMATCH), not past its expiry (E_RELEASE_EXPIRED), and not for longer than
 * MAX_RELEASE_DAYS.
 */
export function checkReleaseTerms(release: v1.Release, request: v1.WidenRecord.$Properties, now: Date): void {
  const mismatch = (what: string): AccordError =>
    new AccordError('E_RELEASE_MISMATCH', `the release is for ${what}, not what request ${request.requestId ?? ''} asks`);
  if (release.requestId !== request.requestId) throw mismatch(`request ${release.requestId}`);
  if (release.noticeId !== request.noticeId) throw mismatch(`notice ${release.noticeId}`);
  if (release.recipient !== request.requester) throw mismatch(`recipient ${release.recipient}`);
  const released = [...release.categories].sort();
  if (released.join(',') !== [...(request.categories ?? [])].sort().join(',')) throw mismatch(`categories ${released.join(', ')}`);
  const expires = release.expiresAt ? dateFromTimestamp(release.expiresAt as Timestamp).getTime() : 0;
  if (expires <= now.getTime()) throw new AccordError('E_RELEASE_EXPIRED', 'the release has expired: sign a new one');
  if (expires > now.getTime() + MAX_RELEASE_DAYS * DAY_MS + CLOCK_TOLERANCE_MS)
    throw new AccordError('E_RELEASE_MISMATCH', `a release lasts at most ${MAX_RELEASE_DAYS} days`);
}

/**
 * The supplementary view's grant: what the recipient had and what is released, within the
 * engine's rules whatever the issuer consents to. A recipient outside the notice's TLP set,
 * or a released category an invariant removes (a protected witness's identity to anyone
 * but the addressed prosecutors, say), is E_RELEASE_FORBIDDEN, naming the invariant.
 */
export function widenedGrant(
  notice: CaseNotice,
  issuer: Agency,
  recipient: Agency,
  had: readonly string[],
  released: readonly string[],
): Category[] {
  const facts = noticeFacts(notice, issuer);
  if (tlpMembership(notice, issuer, recipient, facts.countries) === 'outside')
    throw new AccordError('E_RELEASE_FORBIDDEN', `${recipient.id} is outside the notice's TLP recipient set`);
  const wanted = new Set<Category>(['core', ...[...had, ...released].filter(isCategory)]);
  const { kept, invariants } = enforceInvariants(wanted, facts, recipient);
  const removed = invariants.filter((i) => i.removed.some((c) => released.includes(c)));
  if (removed.length > 0)
    throw new AccordError(
      'E_RELEASE_FORBIDDEN',
      removed.map((i) => `invariant ${i.invariant} forbids ${i.removed.join(', ')} to ${recipient.id}`).join('; '),
    );
  return kept;
}
