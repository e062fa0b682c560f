export { DEFAULT_FRESHNESS, DEFAULT_INGEST_LIMITS } from './ingest-limits.js';
export type { FreshnessWindow, IngestLimits } from './ingest-limits.js';
export { checkAddressees, refuse, verifySubmission } from './verify-submission.js';
export type { Refused, Verified, VerifyContext, VerifyOutcome } from './verify-submission.js';
export { checkLimits } from './check-limits.js';
export type { LimitBreach } from './check-limits.js';
export { checkFreshness } from './check-freshness.js';
export { checkKeyValidity } from './check-key-validity.js';
