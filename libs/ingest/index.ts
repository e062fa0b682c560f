export { DEFAULT_INGEST_LIMITS } from './ingest-limits.js';
export type { IngestLimits } from './ingest-limits.js';
export { checkAfterReplay, verifySubmission } from './verify-submission.js';
export type { Refused, Verified, VerifyContext, VerifyOutcome } from './verify-submission.js';
