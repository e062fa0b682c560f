/** Settings of the streams and consumers the bus creates; tests shorten the waits. */
export interface BusSettings {
  replicas: number;
  /**
   * Dedup window of every stream. It must outlast the longest redelivery of a
   * submission (ack wait times the attempts before E_PROCESSING_FAILED), so a
   * reprocessed submission's deliveries are recognised as the same writes.
   */
  duplicateWindowMs: number;
  /** How long a consumer waits for an ack before redelivering. */
  ackWaitMs: number;
  /** The largest submission ingest accepts; the stream takes 4 times more. */
  maxSubmissionBytes: number;
  deliveryMaxAgeMs: number;
  quarantineMaxAgeMs: number;
  /** How long decisions and events stay readable; the audit writer must catch up within it. */
  eventsMaxAgeMs: number;
  /** A standby audit writer takes over this long after the writer stopped renewing its lease. */
  auditLeaseMs: number;
}

const DAY = 24 * 60 * 60 * 1000;

export const DEFAULT_BUS_SETTINGS: BusSettings = {
  replicas: 1,
  duplicateWindowMs: 20 * 60 * 1000,
  ackWaitMs: 30_000,
  maxSubmissionBytes: 256 * 1024,
  deliveryMaxAgeMs: 30 * DAY,
  quarantineMaxAgeMs: 90 * DAY,
  eventsMaxAgeMs: 30 * DAY,
  auditLeaseMs: 10_000,
};
