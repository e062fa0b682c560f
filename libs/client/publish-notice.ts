import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { subjects } from '../bus/index.js';
import { discloseNotice } from '../disclosure/index.js';
import { validateNotice } from '../notice/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import { NOTICE_TYP, signDetached, type SigningKey } from '../signing/index.js';
import { formatTraceparent, newTrace, TRACEPARENT, type TraceContext } from '../tracing/index.js';

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
  /** The W3C trace id the submission carries. */
  traceId: string;
}

/** Publishes a submission as `agency`, with Nats-Msg-Id `<agency>:<noticeId>`. */
/**
 * Publishes a signed submission with the W3C trace context that follows it through every
 * stage to the deliveries and the audit records (a new trace unless `trace` is given).
 */
export async function publishSubmission(js: JetStreamClient, agency: string, noticeId: string, submission: Uint8Array, trace: TraceContext = newTrace()): Promise<PublishResult> {
  const h = headers();
  h.set(TRACEPARENT, formatTraceparent(trace));
  const ack = await js.publish(subjects.ingest(agency), submission, { msgID: `${agency}:${noticeId}`, headers: h });
  return { seq: ack.seq, duplicate: ack.duplicate, traceId: trace.traceId };
}
