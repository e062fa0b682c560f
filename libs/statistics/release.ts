import type { PersonRoleName } from './counted-notice.js';
import type { Dimension, Measure } from './table-layout.js';

/** What a release is, as JSON (docs/statistics.md): format 1. */
export const RELEASE_FORMAT = 1;
export const RELEASE_UNIT = 'notice';
export const RELEASE_NOTE =
  'The unit is the notice, not the incident: an incident reported by two agencies is counted twice, and persons are counted as the notices record them, not deduplicated.';
export const DISCLOSURE_METHOD = 'threshold and secondary suppression';

/** One published number: `value` is null when it is suppressed. */
export interface ReleaseValue {
  value: number | null;
  suppressed: boolean;
}

export interface ReleaseCell extends ReleaseValue {
  key: string;
}

export interface ReleaseTable {
  id: string;
  measure: Measure;
  dimension: Dimension;
  /** Only on a table of one role's persons. */
  role?: PersonRoleName;
  cells: ReleaseCell[];
  total: ReleaseValue;
}

/** Which issuers' notices a release counts, and at which TLP levels. */
export interface Coverage {
  issuer: string;
  countedTlp: string[];
}

/** How many published numbers (cells and totals) there are and how many are suppressed. */
export interface DisclosureCounts {
  cells: number;
  suppressed: number;
  /** Suppressed for their own few contributors. */
  primary: number;
  /** Suppressed to protect others: complementary, cascaded, or carried from an earlier version. */
  secondary: number;
}

export interface Disclosure extends DisclosureCounts {
  method: typeof DISCLOSURE_METHOD;
  /** A number with 1 to k − 1 contributors is not published. */
  k: number;
  /** Every suppressed number's feasible interval, from the published sums and bounds, is at least p wide (protect-tables.ts). */
  p: number;
}

export interface Release {
  format: typeof RELEASE_FORMAT;
  period: string;
  /** RFC 3339. */
  periodStart: string;
  /** RFC 3339: the first instant after the period. */
  periodEnd: string;
  /** 1, 2, ...: a later version replaces an earlier one of the same period. */
  version: number;
  releasedAt: string;
  unit: typeof RELEASE_UNIT;
  note: string;
  /** Sorted by issuer. */
  coverage: Coverage[];
  disclosure: Disclosure;
  tables: ReleaseTable[];
}
