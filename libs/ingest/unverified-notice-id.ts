import { v1 } from '../proto/index.js';

/**
 * The notice id a submission names, read without verifying anything: only to look up what
 * this very submission did on an earlier attempt (its claim on the id holds its own ingest
 * sequence, which no other submission has), never to believe it. Undefined when the
 * submission does not decode that far.
 */
export function unverifiedNoticeId(submission: Uint8Array): string | undefined {
  try {
    return v1.NoticeManifest.decode(v1.SignedNotice.decode(submission).manifest).core?.noticeId || undefined;
  } catch {
    return undefined;
  }
}
