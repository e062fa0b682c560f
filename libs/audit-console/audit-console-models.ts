import type { AuditKindName } from '../audit/index.js';
import type { Lang } from '../console/index.js';
import type { v1 } from '../proto/index.js';

/**
 * What the auditor console's pages show, taken out of the audit chain by the collectors:
 * the page functions render these and nothing else. Strings from records (agency ids,
 * notice ids, codes) are treated as untrusted and escaped like any other value.
 */

/** Reads the whole audit chain, in order, from record 0; `onProgress` with the fraction read (0 to 1). */
export type ChainSource = (
  onRecord: (chained: v1.ChainedRecord.$Properties) => void,
  onProgress?: (fraction: number) => void,
) => Promise<void>;

export interface AuditPageContext {
  lang: Lang;
  /** The page's own path and query, sent back by the language switcher. */
  path: string;
}

/** One audit record as a row of a table. */
export interface RecordRow {
  index: number;
  /** The event's time (RFC 3339), else the time it was appended. */
  time: string;
  kind: string;
  agency: string;
  recipient: string;
  noticeId: string;
  /** The reason code of a quarantine. */
  code: string;
  /** The first hex digits of SHA-256 of the record's bytes, as chained. */
  hashPrefix: string;
}

export interface CheckpointSummary {
  /** The CHECKPOINT record's chain index. */
  index: number;
  /** Records it seals: 0 to treeSize - 1. */
  treeSize: number;
  /** When the audit service signed it (RFC 3339). */
  time: string;
  /** The first hex digits of its RFC 9162 root hash. */
  rootPrefix: string;
  /** Whether the audit key signed it. */
  signatureValid: boolean;
}

export interface OverviewModel {
  /** Records in the chain (the next record's index). */
  height: number;
  checkpoint: CheckpointSummary | undefined;
  /** The audit key's kid, to compare with the one the auditor trusts. */
  auditKeyId: string;
  /** When the chain was read. */
  readAt: string;
}

/** The records page's filters, as given in its query (each one checked). */
export interface RecordsQuery {
  notice?: string;
  agency?: string;
  kind?: AuditKindName;
  since?: Date;
  until?: Date;
  /** From 1. */
  page: number;
}

/** A filter given that is not valid: the field and why. */
export type RecordsQueryField = 'notice' | 'agency' | 'kind' | 'since' | 'until' | 'page';

export interface RecordsModel {
  query: RecordsQuery;
  /** What the form shows: the values as typed (an invalid one too, so it can be corrected). */
  typed: Partial<Record<RecordsQueryField, string>>;
  invalid: RecordsQueryField[];
  rows: RecordRow[];
  /** Records matching every filter. */
  matched: number;
  pageSize: number;
  height: number;
}

export type ProofState = 'verified' | 'unsealed' | 'failed';

export interface TrailRow extends RecordRow {
  proof: ProofState;
}

export interface TrailModel {
  noticeId: string;
  rows: TrailRow[];
  /** The latest checkpoint the proofs are in. */
  checkpoint: { index: number; treeSize: number } | undefined;
  height: number;
}

/** One day (UTC) of the chart: records of each kind. */
export interface DayCounts {
  /** YYYY-MM-DD */
  day: string;
  counts: Partial<Record<AuditKindName, number>>;
  total: number;
}

export interface ChartsModel {
  /** The last days with records, oldest first (at most `maxDays`). */
  days: DayCounts[];
  /** Days with records in the whole chain. */
  totalDays: number;
  /** The kinds that occur in the days shown, in the order of AUDIT_KINDS. */
  kinds: AuditKindName[];
  /** Quarantines per reason code, most first. */
  quarantines: { code: string; count: number }[];
}

/** The outcome of a whole-chain verification, as ChainVerifier.finish reports it. */
export interface VerifyOutcome {
  count: number;
  checkpoints: number;
  sealed: number;
  unsealed: number;
  broken: { index: number; reason: string } | undefined;
}

/** Where the console's verification is: none yet, under way, done, or stopped by an error (the bus unreachable). */
export type VerifyState =
  | { state: 'idle' }
  | { state: 'running'; startedAt: string; checked: number; fraction: number }
  | { state: 'done'; startedAt: string; finishedAt: string; outcome: VerifyOutcome }
  | { state: 'failed'; startedAt: string; finishedAt: string; message: string };
