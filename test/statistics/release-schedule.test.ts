import { describe, expect, test } from 'vitest';
import { markChanged, markReleased, MONTHLY, newPeriodState, releaseDue, type PendingRelease } from '../../libs/statistics/index.js';

const DAY = 86_400;
const K = 2;
const at = (iso: string) => new Date(iso);
const pending = (version: number, changes: number): PendingRelease => ({
  version,
  signed: '',
  digest: '',
  suppressed: ['a/total'],
  changes,
});

describe('when a period is released', () => {
  const open = markChanged(newPeriodState('2026-11'), at('2026-11-20T00:00:00Z'));

  test('not before its end and its grace have passed', () => {
    expect(releaseDue(open, MONTHLY, DAY, at('2026-12-01T23:59:59Z'), K)).toBe(false);
    expect(releaseDue(open, MONTHLY, DAY, at('2026-12-02T00:00:00Z'), K)).toBe(true);
  });

  test('a released period is revised only once k records changed it, a grace after the first of them', () => {
    const released = markReleased({ ...open, pending: pending(1, open.changes) }, pending(1, open.changes));
    expect(released).toMatchObject({ version: 1, suppressed: ['a/total'] });
    expect(releaseDue(released, MONTHLY, DAY, at('2027-06-01T00:00:00Z'), K)).toBe(false);
    const once = markChanged(released, at('2026-12-10T00:00:00Z'));
    expect(releaseDue(once, MONTHLY, DAY, at('2026-12-20T00:00:00Z'), K)).toBe(false);
    const changed = markChanged(once, at('2026-12-10T12:00:00Z'));
    expect(changed.changedSince).toBe('2026-12-10T00:00:00.000Z');
    expect(releaseDue(changed, MONTHLY, DAY, at('2026-12-10T23:59:59Z'), K)).toBe(false);
    expect(releaseDue(changed, MONTHLY, DAY, at('2026-12-11T00:00:00Z'), K)).toBe(true);
  });

  test('a change while a version is being published stays marked for the next one', () => {
    const building = { ...open, pending: pending(1, open.changes) };
    const changedMeanwhile = markChanged(markChanged(building, at('2026-12-02T00:00:01Z')), at('2026-12-02T00:00:02Z'));
    const released = markReleased(changedMeanwhile, pending(1, open.changes));
    expect(released.changedSince).toBe(open.changedSince);
    expect(releaseDue(released, MONTHLY, DAY, at('2026-12-03T00:00:00Z'), K)).toBe(true);
  });

  test('a version signed but not yet published is due at once (after a crash, published as signed)', () => {
    expect(releaseDue({ ...open, pending: pending(1, 1) }, MONTHLY, DAY, at('2026-11-21T00:00:00Z'), K)).toBe(true);
  });
});
