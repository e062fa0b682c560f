export { ELEMENT_ID } from './disclosed-notice.js';
export type { DisclosedElement, DisclosedNotice, DisclosedPerson } from './disclosed-notice.js';
export { digestOf, digestSet, hasDigest, paddedCount, paddedSortedDigests } from './manifest-digests.js';
export { coreOf } from './notice-core.js';
export { discloseNotice, randomElementId, SALT_BYTES } from './make-disclosures.js';
export type { DisclosedSubmission } from './make-disclosures.js';
export { decodeManifest, openDisclosures, SUBMISSION_CODES } from './open-disclosures.js';
export type { OpenCodes } from './open-disclosures.js';
export { toCaseNotice } from './to-case-notice.js';
