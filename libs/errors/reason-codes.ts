/**
 * The contract's stable reason codes. Audit and quarantine records carry them, so a code
 * is added, never renamed.
 */
export const REASON_CODES = {
  E_DECODE: 'the submission could not be decoded as an accord.v1.SignedNotice or CaseNotice',
  E_SCHEMA: 'the notice does not follow the accord.v1.CaseNotice schema',
  E_UNKNOWN_AGENCY: 'the agency is not registered on the bus',
  E_UNKNOWN_KID: 'no registered key has this kid',
  E_SIGNATURE_INVALID: 'the signature does not verify over the notice bytes',
  E_SIGNER_MISMATCH: "the signing key is not the issuing agency's",
  E_SUBJECT_MISMATCH: "the notice was published on another agency's ingest subject",
  E_DUPLICATE: 'a notice with this noticeId was already accepted',
  E_STALE: 'issuedAt is too far in the past',
  E_FUTURE: 'issuedAt is too far in the future',
  E_KEY_REVOKED: 'the signing key has been revoked',
  E_KEY_EXPIRED: 'the signing key is past its notAfter',
  E_ALG_FORBIDDEN: 'the JWS algorithm is not EdDSA',
  E_HEADER_FORBIDDEN: 'the JWS header has a forbidden or wrong parameter',
  E_TOO_LARGE: 'the submission is larger than the bus accepts',
  E_LIMIT_EXCEEDED: 'the notice exceeds a count or length limit',
  E_RATE_LIMITED: "the agency's submission rate limit was exceeded",
  E_UNKNOWN_ADDRESSEE: 'an addressee is not a registered agency',
  E_RELATION:
    'a relation names a notice the bus does not know, one the publisher never received, or (an update or withdrawal) one it did not issue',
  E_PROCESSING_FAILED: 'the bus could not process the submission: a failure of its own, not a fault of the submission',
} as const;

export type ReasonCode = keyof typeof REASON_CODES;

export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASON_CODES, value);
}

/** A code as a quarantine record may carry it: the contract's own stays, any other is E_PROCESSING_FAILED. */
export function toReasonCode(code: string): ReasonCode {
  return isReasonCode(code) ? code : 'E_PROCESSING_FAILED';
}

export function describeReason(code: string): string {
  return isReasonCode(code) ? REASON_CODES[code] : 'unknown reason code';
}
