import { AccordError, isAccordError, type ReasonCode } from '../errors/index.js';
import { decodeNotice, validateNotice } from '../notice/index.js';
import { dateFromTimestamp, v1, type CaseNotice, type Timestamp } from '../proto/index.js';
import type { RegistrySnapshot } from '../registry/index.js';
import { inspectDetached, NOTICE_TYP, verifyDetached, type VerificationKeyCache } from '../signing/index.js';
import { checkFreshness } from './check-freshness.js';
import { checkKeyValidity } from './check-key-validity.js';
import type { FreshnessWindow, IngestLimits } from './ingest-limits.js';

export interface Verified {
  ok: true;
  notice: CaseNotice;
  noticeBytes: Uint8Array;
  kid: string;
}

export interface Refused {
  ok: false;
  code: ReasonCode;
  message: string;
  path?: string;
  /** Known when the refusal came after the notice was decoded. */
  noticeId?: string;
  kid?: string;
}

export type VerifyOutcome = Verified | Refused;

export interface VerifyContext {
  registry: RegistrySnapshot;
  keys: VerificationKeyCache;
  limits: IngestLimits;
  freshness: FreshnessWindow;
}

export function refuse(code: ReasonCode, message: string, extra: Partial<Refused> = {}): Refused {
  return { ok: false, code, message, ...extra };
}

function refusedFrom(error: unknown, extra: Partial<Refused>): Refused {
  if (isAccordError(error) && error.code.startsWith('E_') && !error.retryable) {
    const out = refuse(error.code as ReasonCode, error.message, extra);
    if (error.path !== undefined) out.path = error.path;
    return out;
  }
  throw error;
}

/**
 * The door's checks before the replay check, in the documented order (docs/ingest.md),
 * so each submission gets one well-defined code: size, envelope, subject agency, JWS
 * header, kid, key validity, the signature over the exact bytes; only then the notice
 * itself: canonical decoding, schema, issuer, signer, subject, freshness.
 */
export async function verifySubmission(submission: Uint8Array, subjectAgency: string, receivedAt: Timestamp, ctx: VerifyContext): Promise<VerifyOutcome> {
  if (submission.length > ctx.limits.maxSubmissionBytes) {
    return refuse('E_TOO_LARGE', `the submission is ${submission.length} bytes; the limit is ${ctx.limits.maxSubmissionBytes}`);
  }
  let envelope: v1.SignedNotice;
  try {
    envelope = v1.SignedNotice.decode(submission);
  } catch (error) {
    return refuse('E_DECODE', `not an accord.v1.SignedNotice: ${(error as Error).message}`);
  }
  if (envelope.format !== 1) return refuse('E_DECODE', `SignedNotice format ${envelope.format} is not supported (expected 1)`);
  if (!ctx.registry.agency(subjectAgency)) {
    return refuse('E_UNKNOWN_AGENCY', `agency "${subjectAgency}" is not registered`);
  }

  let kid: string | undefined;
  let notice: CaseNotice;
  try {
    const header = inspectDetached(envelope.jws, NOTICE_TYP);
    kid = header.kid;
    const key = ctx.registry.key(header.kid);
    if (!key) throw new AccordError('E_UNKNOWN_KID', `no registered key has kid ${header.kid}`);
    const invalid = checkKeyValidity(key, dateFromTimestamp(receivedAt));
    if (invalid) throw new AccordError(invalid.code, invalid.message);
    await verifyDetached(header, envelope.notice, await ctx.keys.get(key.jwk));
    notice = decodeNotice(envelope.notice);
    validateNotice(notice);
  } catch (error) {
    return refusedFrom(error, kid === undefined ? {} : { kid });
  }

  const known = { noticeId: notice.noticeId, kid };
  const signer = ctx.registry.key(kid);
  if (!ctx.registry.agency(notice.issuingAgency)) {
    return refuse('E_UNKNOWN_AGENCY', `issuing agency "${notice.issuingAgency}" is not registered`, { ...known, path: 'issuingAgency' });
  }
  if (signer?.agency !== notice.issuingAgency) {
    return refuse('E_SIGNER_MISMATCH', `the key ${kid} belongs to ${signer?.agency ?? '?'}, not to ${notice.issuingAgency}`, {
      ...known,
      path: 'issuingAgency',
    });
  }
  if (subjectAgency !== notice.issuingAgency) {
    return refuse('E_SUBJECT_MISMATCH', `published on accord.ingest.${subjectAgency} by ${notice.issuingAgency}`, {
      ...known,
      path: 'issuingAgency',
    });
  }
  const stale = checkFreshness(notice.issuedAt ?? {}, receivedAt, ctx.freshness);
  if (stale) return refuse(stale.code, stale.message, { ...known, path: 'issuedAt' });
  return { ok: true, notice, noticeBytes: envelope.notice, kid };
}

/** The last check: every addressee must be a registered agency. */
export function checkAddressees(notice: CaseNotice, registry: RegistrySnapshot): Refused | undefined {
  const index = notice.addressees.findIndex((a) => !registry.agency(a));
  if (index < 0) return undefined;
  return refuse('E_UNKNOWN_ADDRESSEE', `addressee "${notice.addressees[index]}" is not a registered agency`, {
    noticeId: notice.noticeId,
    path: `addressees[${index}]`,
  });
}
