/**
 * The Nats-Msg-Id of every durable write, derived from what is written so that a retry is
 * the same write and the broker drops it. Streams already hold these exact strings and
 * dedupe on them: a format changed here would let a retry through as a new message.
 */
export const messageIds = {
  /** `<agency-id>:<noticeId>`, fixed by CONTRACT.md: the one id with a colon, as adapters build it themselves. */
  submission: (agency: string, noticeId: string) => `${agency}:${noticeId}`,
  decision: (agency: string, ingestSeq: number) => `decision/${agency}/${ingestSeq}`,
  quarantine: (agency: string, ingestSeq: number) => `quarantine/${agency}/${ingestSeq}`,
  delivery: (noticeId: string, recipient: string) => `deliver/${noticeId}/${recipient}`,
  /** A supplementary view: the recipient's view of the notice widened by a release. */
  supplement: (noticeId: string, recipient: string, requestId: string) => `deliver/${noticeId}/${recipient}/widen/${requestId}`,
  receipt: (agency: string, noticeId: string, officerDigest: string) => `receipt/${agency}/${noticeId}/${officerDigest}`,
  /** A block of the audit chain, by the index of its first record. */
  chain: (firstIndex: number) => `chain/${firstIndex}`,
  checkpoint: (treeSize: number) => `checkpoint/${treeSize}`,
  /** A batch of a service's own events, by a digest of their event ids. */
  serviceEvents: (service: string, eventIdsDigest: string) => `events/${service}/${eventIdsDigest}`,
  /** Routing's record of an accepted notice for the statistics service. */
  statisticsRecord: (noticeId: string) => `stats/${noticeId}`,
  /** A release of a period, the service's copy and each research agency's. */
  statisticsRelease: (period: string, version: number) => `stats/release/${period}/${version}`,
  statisticsDelivery: (agency: string, period: string, version: number) => `stats/deliver/${agency}/${period}/${version}`,
} as const;
