import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { messageIds, subjects } from '../bus/index.js';
import { discloseNotice, type DisclosedSubmission } from '../disclosure/index.js';
import { validateNotice } from '../notice/index.js';
import { v1, type CaseNoticeProps } from '../proto/index.js';
import { NOTICE_TYP, PROTECTED_TYP, signDetached, type SigningKey } from '../signing/index.js';
import { formatTraceparent, newTrace, TRACEPARENT, type TraceContext } from '../tracing/index.js';

/** The SignedNotice of a notice's disclosures: the manifest signed, and the protected one apart. */
export async function signDisclosed(disclosed: DisclosedSubmission, key: SigningKey): Promise<Uint8Array> {
  const { manifest, disclosures } = disclosed;
  const jws = await signDetached(manifest, key, NOTICE_TYP);
  const p = disclosed.protected;
  const protectedParts = p
    ? {
        protectedManifest: p.manifest,
        protectedJws: await signDetached(p.manifest, key, PROTECTED_TYP),
        protectedDisclosures: p.disclosures,
      }
    : {};
  return v1.SignedNotice.encode({ format: 2, jws, manifest, disclosures, ...protectedParts }).finish();
}

/**
 * A SignedNotice (format 2, selective disclosure): every element of the notice as a
 * salted disclosure, and a detached EdDSA JWS over the manifest of their digests and the
 * notice's core; under WITNESS_PROTECTION, the witnesses under a protected manifest of
 * their own (docs/wire-format.md). The notice is checked first, so an adapter learns of a
 * mistake (a bad field, markup that names nothing, a person's value in caseRef) before the
 * bus quarantines it.
 */
export async function signNotice(notice: CaseNoticeProps, key: SigningKey): Promise<Uint8Array> {
  validateNotice(notice);
  return signDisclosed(discloseNotice(notice), key);
}

export interface PublishResult {
  /** The submission's sequence in the ingest stream: the key of its decision. */
  seq: number;
  /** The broker had this submission already (a retry within the dedup window). */
  duplicate: boolean;
  /** The W3C trace id the submission carries. */
  traceId: string;
}

/**
 * Publishes a signed submission as `agency`, with Nats-Msg-Id `<agency>:<noticeId>` and the
 * W3C trace context that follows it through every stage to the deliveries and the audit
 * records (a new trace unless `trace` is given).
 */
export async function publishSubmission(
  js: JetStreamClient,
  agency: string,
  noticeId: string,
  submission: Uint8Array,
  trace: TraceContext = newTrace(),
): Promise<PublishResult> {
  const h = headers();
  h.set(TRACEPARENT, formatTraceparent(trace));
  const ack = await js.publish(subjects.ingest(agency), submission, { msgID: messageIds.submission(agency, noticeId), headers: h });
  return { seq: ack.seq, duplicate: ack.duplicate, traceId: trace.traceId };
}
