import type { JetStreamClient } from '@nats-io/jetstream';
import { subjects } from '../bus/index.js';
import { encodeNotice, validateNotice } from '../notice/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import { NOTICE_TYP, signDetached, type SigningKey } from '../signing/index.js';

/**
 * A SignedNotice (format 1): the notice's protobuf bytes and a detached EdDSA JWS over
 * exactly those bytes. The notice is checked first, so an adapter learns of a mistake
 * before the bus quarantines it.
 */
export async function signNotice(notice: CaseNoticeProps, key: SigningKey): Promise<Uint8Array> {
  validateNotice(notice);
  const bytes = encodeNotice(notice);
  const jws = await signDetached(bytes, key, NOTICE_TYP);
  return v1.SignedNotice.encode({ format: 1, notice: bytes, jws }).finish();
}

export interface PublishResult {
  /** The submission's sequence in the ingest stream: the key of its decision. */
  seq: number;
  /** The broker had this submission already (a retry within the dedup window). */
  duplicate: boolean;
}

/** Publishes a submission as `agency`, with Nats-Msg-Id `<agency>:<noticeId>`. */
export async function publishSubmission(js: JetStreamClient, agency: string, noticeId: string, submission: Uint8Array): Promise<PublishResult> {
  const ack = await js.publish(subjects.ingest(agency), submission, { msgID: `${agency}:${noticeId}` });
  return { seq: ack.seq, duplicate: ack.duplicate };
}
