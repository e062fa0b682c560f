import { describe, expect, test } from 'vitest';
import { timestampFromDate, v1 } from '../../libs/proto/index.js';
import { foldRecord, MONTHLY, threadKeyOf, type NoticeThread } from '../../libs/statistics/index.js';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function counted(n: number, overrides: Partial<v1.StatisticsRecord.$Properties> = {}): v1.StatisticsRecord {
  return v1.StatisticsRecord.create({
    noticeId: ID(n),
    counted: true,
    issuingAgency: 'it-police',
    issuedAt: timestampFromDate(new Date('2026-11-20T10:00:00Z')),
    type: v1.NoticeType.ALERT,
    mode: v1.Mode.SEA,
    route: { origin: ['NE'], transit: ['LY'], destination: ['IT'] },
    migrantCount: 40,
    ...overrides,
  });
}

const first = foldRecord(counted(1), undefined, MONTHLY) as NoticeThread;

describe('a notice and its versions, as the statistics count them', () => {
  test('a counted notice starts a thread in the period of its issuedAt', () => {
    expect(first).toMatchObject({ root: ID(1), period: '2026-11', latest: ID(1), applied: [ID(1)], withdrawn: false });
    expect(first.notice?.migrantCount).toBe(40);
  });

  test('an update replaces the content and keeps the first version’s period, so the notice counts once', () => {
    const update = counted(2, { updates: ID(1), issuedAt: timestampFromDate(new Date('2026-12-02T08:00:00Z')), migrantCount: 52 });
    expect(threadKeyOf(update)).toBe(ID(1));
    const next = foldRecord(update, first, MONTHLY);
    expect(next).toMatchObject({ root: ID(1), period: '2026-11', latest: ID(2), applied: [ID(1), ID(2)] });
    expect(next?.notice?.migrantCount).toBe(52);
  });

  test('an update to a level its issuer does not count takes the notice out of the counts', () => {
    const next = foldRecord(v1.StatisticsRecord.create({ noticeId: ID(2), counted: false, updates: ID(1) }), first, MONTHLY);
    expect(next?.notice).toBeUndefined();
    expect(next?.withdrawn).toBe(false);
  });

  test('a withdrawal takes the notice out for good, and is not a notice of its own', () => {
    const withdrawal = v1.StatisticsRecord.create({ noticeId: ID(3), counted: false, withdraws: ID(1) });
    const next = foldRecord(withdrawal, first, MONTHLY);
    expect(next).toMatchObject({ withdrawn: true, applied: [ID(1), ID(3)] });
    expect(next?.notice).toBeUndefined();
    expect(foldRecord(counted(4, { updates: ID(1) }), next, MONTHLY)?.notice).toBeUndefined();
  });

  test('a record applied again (a redelivery after a crash) changes nothing', () => {
    expect(foldRecord(counted(1), first, MONTHLY)).toBeUndefined();
  });

  test('a withdrawal or an uncounted update of a notice never counted changes nothing', () => {
    expect(foldRecord(v1.StatisticsRecord.create({ noticeId: ID(5), withdraws: ID(9) }), undefined, MONTHLY)).toBeUndefined();
    expect(foldRecord(v1.StatisticsRecord.create({ noticeId: ID(5), updates: ID(9) }), undefined, MONTHLY)).toBeUndefined();
  });

  test('a counted update of a notice never counted (it was RED) starts a thread of its own', () => {
    expect(foldRecord(counted(6, { updates: ID(9) }), undefined, MONTHLY)).toMatchObject({ root: ID(6), latest: ID(6) });
  });
});
