import { describe, expect, test } from 'vitest';
import {
  markChanged,
  markReleased,
  MONTHLY,
  newPeriodState,
  releaseDue,
  type PendingRelease,
  type PeriodState,
} from '../../libs/statistics/index.js';

const DAY = 86_400;
const K = 2;
const at = (iso: string) => new Date(iso);
const pendingOf = (state: PeriodState, version: number): PendingRelease => ({
  version,
  signed: '',
  digest: '',
  suppressed: ['notices.type/total'],
  changes: state.changes,
  changedNotices: state.changedNotices,
});
const release = (state: PeriodState, version: number, when: string): PeriodState =>
  markReleased({ ...state, pending: pendingOf(state, version) }, pendingOf(state, version), at(when));

describe('when a period is released', () => {
  const open = markChanged(newPeriodState(MONTHLY, '2026-11'), 'n1', at('2026-11-20T00:00:00Z'));

  test('a new period knows its bounds, so a later change of the period length leaves them', () => {
    expect(open).toMatchObject({ start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z', version: 0 });
  });

  test('not before its end and its grace have passed', () => {
    expect(releaseDue(open, DAY, at('2026-12-01T23:59:59Z'), K)).toBe(false);
    expect(releaseDue(open, DAY, at('2026-12-02T00:00:00Z'), K)).toBe(true);
  });

  test('before its first version, the notices changed are not kept (a whole period of them would be)', () => {
    expect(open.changedNotices).toEqual([]);
  });

  test('a released period is revised once k notices changed, a grace after the first of them', () => {
    const released = release(open, 1, '2026-12-02T00:00:00Z');
    expect(released).toMatchObject({ version: 1, suppressed: ['notices.type/total'], changedNotices: [] });
    const once = markChanged(released, 'n1', at('2026-12-10T00:00:00Z'));
    expect(releaseDue(once, DAY, at('2026-12-20T00:00:00Z'), K)).toBe(false);
    const twice = markChanged(once, 'n2', at('2026-12-10T12:00:00Z'));
    expect(twice.changedSince).toBe('2026-12-10T00:00:00.000Z');
    expect(releaseDue(twice, DAY, at('2026-12-10T23:59:59Z'), K)).toBe(false);
    expect(releaseDue(twice, DAY, at('2026-12-11T00:00:00Z'), K)).toBe(true);
  });

  test('one notice changed many times (or a record applied again) counts as one change', () => {
    const released = release(open, 1, '2026-12-02T00:00:00Z');
    let state = released;
    for (let i = 0; i < 5; i++) state = markChanged(state, 'n1', at('2026-12-10T00:00:00Z'));
    expect(state.changedNotices).toEqual(['n1']);
    expect(releaseDue(state, DAY, at('2027-01-01T00:00:00Z'), K)).toBe(false);
  });

  test('notices changed while a version is published stay marked for the next, their grace from then', () => {
    const released = release(open, 1, '2026-12-02T00:00:00Z');
    const counted = markChanged(markChanged(released, 'n1', at('2026-12-10T00:00:00Z')), 'n2', at('2026-12-10T00:00:00Z'));
    const building = { ...counted, pending: pendingOf(counted, 2) };
    const meanwhile = markChanged(markChanged(building, 'n3', at('2026-12-12T00:00:00Z')), 'n4', at('2026-12-12T00:00:00Z'));
    const after = markReleased(meanwhile, pendingOf(counted, 2), at('2026-12-12T01:00:00Z'));
    expect(after).toMatchObject({ version: 2, changedNotices: ['n3', 'n4'], changedSince: '2026-12-12T01:00:00.000Z' });
    expect(releaseDue(after, DAY, at('2026-12-13T00:59:59Z'), K)).toBe(false);
    expect(releaseDue(after, DAY, at('2026-12-13T01:00:00Z'), K)).toBe(true);
  });

  test('a version signed but not yet published is due at once (after a crash, published as signed)', () => {
    expect(releaseDue({ ...open, pending: pendingOf(open, 1) }, DAY, at('2026-11-21T00:00:00Z'), K)).toBe(true);
  });
});
