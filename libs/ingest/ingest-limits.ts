/**
 * What ingest accepts, enforced at the door. The ingest stream takes submissions 4 times
 * larger than maxSubmissionBytes, so an oversize one still reaches ingest and is
 * quarantined E_TOO_LARGE instead of vanishing at the broker.
 */
export interface IngestLimits {
  maxSubmissionBytes: number;
  maxPersons: number;
  maxDocumentsPerPerson: number;
  maxConveyances: number;
  maxFinancial: number;
  maxLocations: number;
  maxAddressees: number;
  maxCaveats: number;
  maxHandling: number;
  maxRelations: number;
  /** Characters of the free-text summary. */
  maxSummaryLength: number;
  /** Characters of any other text field (names, numbers, labels, references). */
  maxFieldLength: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxSubmissionBytes: 256 * 1024,
  maxPersons: 200,
  maxDocumentsPerPerson: 20,
  maxConveyances: 100,
  maxFinancial: 200,
  maxLocations: 200,
  maxAddressees: 500,
  maxCaveats: 3,
  maxHandling: 3,
  maxRelations: 16,
  maxSummaryLength: 20_000,
  maxFieldLength: 512,
};

/** How far issuedAt may lie from the moment the submission reached the bus. */
export interface FreshnessWindow {
  pastMs: number;
  futureMs: number;
}

export const DEFAULT_FRESHNESS: FreshnessWindow = { pastMs: 5 * 60_000, futureMs: 30_000 };
