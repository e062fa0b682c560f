import { periodBounds, type PeriodScheme } from './periods.js';

/** What the service keeps of a period between releases. */
export interface PeriodState {
  period: string;
  /** The period's bounds (RFC 3339), fixed when it was first seen: a later change of the period length leaves them. */
  start: string;
  end: string;
  /** The last version released; 0 before the first. */
  version: number;
  /** Every cell id suppressed in any version so far: suppressed in every later one. */
  suppressed: string[];
  /** Records applied to the period's notices so far: a version is recorded only under the count it was built from. */
  changes: number;
  /**
   * The notices (their first versions' ids) changed since the last version was built,
   * each once however often: a revision waits for k of them. Kept from the first
   * version on only, so it never holds a whole period's notices.
   */
  changedNotices: string[];
  /** When the first of `changedNotices` changed (RFC 3339). */
  changedSince?: string;
  /** A version signed and being published: published again, unchanged, after a crash. */
  pending?: PendingRelease;
}

export interface PendingRelease {
  version: number;
  /** The SignedRelease bytes, base64. */
  signed: string;
  /** SHA-256 of the release text, base64url: what the audit record names. */
  digest: string;
  suppressed: string[];
  /** The period's `changes` the version counts. */
  changes: number;
  /** The `changedNotices` the version counts. */
  changedNotices: string[];
}

export function newPeriodState(scheme: PeriodScheme, period: string): PeriodState {
  const { start, end } = periodBounds(scheme, period);
  return { period, start: start.toISOString(), end: end.toISOString(), version: 0, suppressed: [], changes: 0, changedNotices: [] };
}

/**
 * Whether a period is due a release now: its first once `graceSeconds` have passed after
 * its end (late notices have arrived); a revision once at least `minChanges` (k) of its
 * notices have changed since the last version, and a grace has passed since the first of
 * them. Comparing two versions shows what changed between them in every number published
 * in both: waiting for k notices keeps that difference from being one notice's.
 */
export function releaseDue(state: PeriodState, graceSeconds: number, now: Date, minChanges: number): boolean {
  if (state.pending) return true;
  const grace = graceSeconds * 1000;
  if (state.version === 0) return now.getTime() >= Date.parse(state.end) + grace;
  return (
    state.changedNotices.length >= minChanges && state.changedSince !== undefined && now.getTime() >= Date.parse(state.changedSince) + grace
  );
}

/** A period's state once a record changed (or may have changed) the notice `root` at `at`; a notice counts once. */
export function markChanged(state: PeriodState, root: string, at: Date): PeriodState {
  const tracked = state.version > 0 || state.pending !== undefined;
  if (!tracked) return { ...state, changes: state.changes + 1 };
  const changedNotices = state.changedNotices.includes(root) ? state.changedNotices : [...state.changedNotices, root];
  return { ...state, changes: state.changes + 1, changedNotices, changedSince: state.changedSince ?? at.toISOString() };
}

/**
 * The state once `pending` is published at `at`: the notices that changed while it was
 * built and published stay marked for the next version, their grace from now.
 */
export function markReleased(state: PeriodState, pending: PendingRelease, at: Date): PeriodState {
  const { pending: _published, changedSince: _counted, ...rest } = state;
  const counted = new Set(pending.changedNotices);
  const changedNotices = state.changedNotices.filter((root) => !counted.has(root));
  return {
    ...rest,
    version: pending.version,
    suppressed: pending.suppressed,
    changedNotices,
    ...(changedNotices.length > 0 ? { changedSince: at.toISOString() } : {}),
  };
}
