import { AccordError, isAccordError, toReasonCode, type ReasonCode } from '../errors/index.js';
import { openSubmission, SUBMISSION_CODES, toCaseNotice, type OpenedSubmission } from '../disclosure/index.js';
import { validateNotice } from '../notice/index.js';
import { dateFromTimestamp, v1, type CaseNotice, type Timestamp } from '../proto/index.js';
import type { RegistrySnapshot } from '../registry/index.js';
import { inspectDetached, NOTICE_TYP, PROTECTED_TYP, verifyDetached, type VerificationKeyCache } from '../signing/index.js';
import { checkFreeText } from './check-free-text.js';
import { checkLimits } from './check-limits.js';
import { checkFreshness } from './check-freshness.js';
import { checkKeyValidity } from './check-key-validity.js';
import type { FreshnessWindow, IngestLimits } from './ingest-limits.js';

export interface Verified {
  ok: true;
  notice: CaseNotice;
  opened: OpenedSubmission;
  /** The signed parts, exactly as submitted, for the views. */
  manifest: Uint8Array;
  jws: string;
  disclosures: Uint8Array[];
  /** Under WITNESS_PROTECTION: the protected manifest, its JWS and disclosures, as submitted. */
  protectedManifest: Uint8Array;
  protectedJws: string;
  protectedDisclosures: Uint8Array[];
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

/**
 * A check's error as a refusal. Only the contract's reason codes reach a quarantine record:
 * any other code the check raised (a bug, a state it did not expect) is E_PROCESSING_FAILED,
 * the original code kept in the message for the log. A retryable error is no refusal.
 */
function refusedFrom(error: unknown, extra: Partial<Refused>): Refused {
  if (isAccordError(error) && !error.retryable) {
    const code = toReasonCode(error.code);
    const out = refuse(code, code === error.code ? error.message : `${error.code}: ${error.message}`, extra);
    if (error.path !== undefined) out.path = error.path;
    return out;
  }
  throw error;
}

/**
 * The door's checks before the replay check, in the documented order (docs/ingest.md),
 * so each submission gets one well-defined code: size, envelope, subject agency, JWS
 * header, kid, key validity, the signature over the exact manifest bytes; only then the
 * notice itself: the manifest's canonical decoding, each disclosure covered by it, counts
 * and lengths, schema, issuer, signer, subject, freshness.
 */
export async function verifySubmission(
  submission: Uint8Array,
  subjectAgency: string,
  receivedAt: Timestamp,
  ctx: VerifyContext,
): Promise<VerifyOutcome> {
  if (submission.length > ctx.limits.maxSubmissionBytes) {
    return refuse('E_TOO_LARGE', `the submission is ${submission.length} bytes; the limit is ${ctx.limits.maxSubmissionBytes}`);
  }
  let envelope: v1.SignedNotice;
  try {
    envelope = v1.SignedNotice.decode(submission);
  } catch (error) {
    return refuse('E_DECODE', `not an accord.v1.SignedNotice: ${(error as Error).message}`);
  }
  if (envelope.format !== 2) {
    return refuse(
      'E_DECODE',
      `SignedNotice format ${envelope.format} is not accepted: sign with format 2 (selective disclosure; format 1 is retired)`,
    );
  }
  if (!ctx.registry.agency(subjectAgency)) {
    return refuse('E_UNKNOWN_AGENCY', `agency "${subjectAgency}" is not registered`);
  }

  let kid: string | undefined;
  let notice: CaseNotice;
  let opened: OpenedSubmission;
  try {
    const header = inspectDetached(envelope.jws, NOTICE_TYP);
    kid = header.kid;
    const key = ctx.registry.key(header.kid);
    if (!key) throw new AccordError('E_UNKNOWN_KID', `no registered key has kid ${header.kid}`);
    // A key left from an earlier registration under the same id is not the agency's now.
    if (!ctx.registry.agency(key.agency)?.kids.includes(key.kid)) {
      throw new AccordError('E_KEY_REVOKED', `key ${key.kid} is not a current key of ${key.agency}`);
    }
    const invalid = checkKeyValidity(key, dateFromTimestamp(receivedAt));
    if (invalid) throw new AccordError(invalid.code, invalid.message);
    const verificationKey = await ctx.keys.get(key.jwk);
    await verifyDetached(header, envelope.manifest, verificationKey);
    const hasProtected = envelope.protectedManifest.length > 0;
    if (hasProtected) {
      // The protected manifest is the same originator's, under the same key.
      const protectedHeader = inspectDetached(envelope.protectedJws, PROTECTED_TYP);
      if (protectedHeader.kid !== header.kid)
        throw new AccordError(
          'E_SIGNATURE_INVALID',
          `the protected manifest is signed by ${protectedHeader.kid}, the manifest by ${header.kid}`,
        );
      await verifyDetached(protectedHeader, envelope.protectedManifest, verificationKey);
    }
    opened = openSubmission(
      {
        manifest: envelope.manifest,
        disclosures: envelope.disclosures,
        protectedManifest: envelope.protectedManifest,
        protectedDisclosures: envelope.protectedDisclosures,
      },
      SUBMISSION_CODES,
    );
    notice = toCaseNotice(opened.full);
    // Counts and lengths first: the schema's free-text checks read every text, and must
    // not be handed a 200 KB case reference.
    const breach = checkLimits(notice, ctx.limits);
    if (breach) return refuse(breach.code, breach.message, { noticeId: notice.noticeId, kid, path: breach.path });
    validateNotice(notice);
    checkFreeText(opened, notice, hasProtected);
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
  return {
    ok: true,
    notice,
    opened,
    manifest: envelope.manifest,
    jws: envelope.jws,
    disclosures: envelope.disclosures,
    protectedManifest: envelope.protectedManifest,
    protectedJws: envelope.protectedJws,
    protectedDisclosures: envelope.protectedDisclosures,
    kid,
  };
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
