import { createHash } from 'node:crypto';

/**
 * Deterministic audit event ids: the same step of the same submission always yields the
 * same id, so every id appears once in the chain and a repeat would show.
 */
export const auditEventId = {
  received: (agency: string, ingestSeq: number) => `received/${agency}/${ingestSeq}`,
  quarantined: (agency: string, ingestSeq: number) => `quarantined/${agency}/${ingestSeq}`,
  accepted: (noticeId: string) => `accepted/${noticeId}`,
  routed: (noticeId: string) => `routed/${noticeId}`,
  view: (noticeId: string, recipient: string) => `view/${noticeId}/${recipient}`,
  delivered: (noticeId: string, recipient: string) => `delivered/${noticeId}/${recipient}`,
  /** A withdrawn version's view deleted from the deliveries stream. */
  erased: (noticeId: string, recipient: string, deliverySeq: number) => `erased/${noticeId}/${recipient}/${deliverySeq}`,
  /** A request to widen's steps (WIDEN_REQUESTED, ...), and its supplementary view. */
  widen: (requestId: string, step: string) => `widen/${requestId}/${step}`,
  receipt: (agency: string, noticeId: string, officerDigest: string) => `receipt/${agency}/${noticeId}/${officerDigest}`,
  keyChange: (agency: string, kid: string, action: string) => `key/${agency}/${kid}/${action}`,
  /** Credential changes can repeat, so their ids carry the time. */
  agencyChange: (agency: string, action: string, at: Date) => `agency/${agency}/${action}/${at.toISOString()}`,
  /** A service's credentials issued or renewed. */
  credentialChange: (identity: string, action: string, at: Date) => `credentials/${identity}/${action}/${at.toISOString()}`,
  /** A process instance's start or stop. */
  service: (service: string, instanceId: string, action: string) => `service/${service}/${instanceId}/${action}`,
  checkpoint: (treeSize: number) => `checkpoint/${treeSize}`,
  /** A policy made the next version, by its `name@version`. */
  policy: (version: string) => `policy/${version}`,
  /** A statistical release: one per period and version. */
  statisticsRelease: (period: string, version: number) => `statistics/${period}/${version}`,
} as const;

/** Names an officer in a receipt's ids without the name: the liaison's message id and the audit event id agree on it. */
export function officerDigest(officer: string): string {
  return createHash('sha256').update(officer).digest('base64url').slice(0, 16);
}
