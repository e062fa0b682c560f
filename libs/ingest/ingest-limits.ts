/** Limits enforced at the door; the stream accepts 4 times more so oversize still reaches ingest. */
export interface IngestLimits {
  maxSubmissionBytes: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxSubmissionBytes: 256 * 1024,
};
