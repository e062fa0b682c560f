import type { JetStreamClient } from '@nats-io/jetstream';
import { subjects } from '../bus/index.js';
import { discloseNotice } from '../disclosure/index.js';
import { validateNotice } from '../notice/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import { NOTICE_TYP, signDetached, type SigningKey } from '../signing/index.js';

/**
 * A SignedNotice (format 2, selective disclosure): every element of the notice as a
 * salted disclosure, and a detached EdDSA JWS over the manifest of their digests and the
 * notice's core (docs/wire-format.md). The notice is checked first, so an adapter learns
 * of a mistake before the bus quarantines it.
 */
export async function signNotice(notice: CaseNoticeProps, key: SigningKey): Promise<Uint8Array> {
  validateNotice(notice);
  const { manifest, disclosures } = discloseNotice(notice);
  const jws = await signDetached(manifest, key, NOTICE_TYP);
  return v1.SignedNotice.encode({ format: 2, jws, manifest, disclosures }).finish();
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
