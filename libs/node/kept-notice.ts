import { openSubmission, SUBMISSION_CODES, writtenNotice } from '../disclosure/index.js';
import { AccordError, errorMessage } from '../errors/index.js';
import { v1, type CaseNotice, type SignedNotice } from '../proto/index.js';
import type { SubmissionStore } from './submission-store.js';

/**
 * One of the agency's notices as this node signed and kept it (`sent_notices`), read back
 * as its originator wrote it (the summary's markup in place): what a new version starts
 * from. Undefined when the node keeps no copy of it (not published here, or refused); a
 * copy that does not open is E_DECODE.
 */
export function keptNotice(submissions: SubmissionStore, noticeId: string): CaseNotice | undefined {
  const signed = submissions.kept(noticeId);
  if (!signed) return undefined;
  let envelope: SignedNotice;
  try {
    envelope = v1.SignedNotice.decode(signed);
  } catch (error) {
    throw new AccordError('E_DECODE', `the kept copy of ${noticeId} is not a SignedNotice: ${errorMessage(error)}`, { cause: error });
  }
  // Our own bytes, checked by ingest when they were published: opened, not verified again.
  return writtenNotice(openSubmission(envelope, SUBMISSION_CODES).full);
}
