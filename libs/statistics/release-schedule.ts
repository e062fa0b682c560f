import { periodBounds, type PeriodScheme } from './periods.js';

/** What the service keeps of a period between releases. */
export interface PeriodState {
  period: string;
  /** The last version released; 0 before the first. */
  version: number;
  /** Every cell id suppressed in any version so far: suppressed in every later one. */
  suppressed: string[];
  /** Records applied to the period's notices so far; a release is built only on a count it read. */
  changes: number;
  /** `changes` as the last version counted them. */
  releasedChanges: number;
  /** When the counts first changed since the last version (RFC 3339); absent when they have not. */
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
}

export function newPeriodState(period: string): PeriodState {
  return { period, version: 0, suppressed: [], changes: 0, releasedChanges: 0 };
}

/**
 * Whether a period is due a release now: its first once `graceSeconds` have passed after
 * its end (late notices have arrived); a revision once at least `minChanges` records (k)
 * have changed its notices since the last version, and a grace has passed since the
 * first of them. Comparing two versions shows what changed between them in every number
 * published in both: waiting for k changes keeps that difference from being one notice's.
 */
export function releaseDue(state: PeriodState, scheme: PeriodScheme, graceSeconds: number, now: Date, minChanges: number): boolean {
  if (state.pending) return true;
  const grace = graceSeconds * 1000;
  if (state.version === 0) return now.getTime() >= periodBounds(scheme, state.period).end.getTime() + grace;
  return (
    state.changes - state.releasedChanges >= minChanges &&
    state.changedSince !== undefined &&
    now.getTime() >= Date.parse(state.changedSince) + grace
  );
}

/** A period's state once a record changed its counts at `at`. */
export function markChanged(state: PeriodState, at: Date): PeriodState {
  return { ...state, changes: state.changes + 1, changedSince: state.changedSince ?? at.toISOString() };
}

/** The state once `pending` is published: what changed meanwhile stays marked for the next version. */
export function markReleased(state: PeriodState, pending: PendingRelease): PeriodState {
  const { pending: _published, changedSince, ...rest } = state;
  return {
    ...rest,
    version: pending.version,
    suppressed: pending.suppressed,
    releasedChanges: pending.changes,
    ...(state.changes !== pending.changes && changedSince !== undefined ? { changedSince } : {}),
  };
}
