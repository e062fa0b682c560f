import { describe, expect, test } from 'vitest';
import { v1 } from '../../libs/proto/index.js';
import { countedNoticeOf, statisticsRecordOf } from '../../libs/statistics/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

const notice = (overrides: Parameters<typeof sampleNotice>[1] = {}) => v1.CaseNotice.create(sampleNotice('it-police', overrides));
const recordOf = (n: v1.CaseNotice, counted: boolean) => {
  const r = statisticsRecordOf(n, counted);
  return r && v1.StatisticsRecord.decode(v1.StatisticsRecord.encode(r).finish());
};

describe('what routing sends the statistics service', () => {
  test('a counted notice: core facts and profiles, and not one name, phone, document, summary, account or place', () => {
    const n = notice();
    const bytes = Buffer.from(v1.StatisticsRecord.encode(statisticsRecordOf(n, true) ?? {}).finish());
    for (const value of [
      'Kamal Haddad',
      'Amina Tesfaye',
      'Yonas Berhane',
      '1984-03-12',
      '555 0101',
      'LY4455667',
      'Zuwara',
      'Sahara Bank',
      'LY830020',
      'grey rubber boat',
      'IT-PA-2026-0042',
    ]) {
      expect(bytes.includes(Buffer.from(value)), value).toBe(false);
    }
    expect(countedNoticeOf(recordOf(n, true) ?? v1.StatisticsRecord.create())).toEqual({
      noticeId: n.noticeId,
      issuer: 'it-police',
      type: 'ALERT',
      mode: 'SEA',
      route: { origin: ['NE'], transit: ['LY'], destination: ['IT'] },
      migrantCount: 45,
      deathsReported: 0,
      persons: [
        { role: 'SMUGGLER_SUSPECT', nationality: 'LY', age: 'adult' },
        { role: 'SMUGGLED_MIGRANT', nationality: 'ER', age: 'age-unknown' },
        { role: 'WITNESS', nationality: 'ER', age: 'adult' },
      ],
    });
  });

  test('the witnesses of a notice under WITNESS_PROTECTION leave no trace in it', () => {
    const record = recordOf(notice({ caveats: [v1.Caveat.WITNESS_PROTECTION] }), true);
    expect(record?.persons.map((p) => p.role)).toEqual([v1.PersonRole.SMUGGLER_SUSPECT, v1.PersonRole.SMUGGLED_MIGRANT]);
  });

  test('a route country named twice in a leg is counted once', () => {
    const record = recordOf(notice({ route: { origin: ['NE', 'NE'], transit: ['TN', 'LY', 'TN'], destination: ['IT'] } }), true);
    expect(record?.route).toMatchObject({ origin: ['NE'], transit: ['LY', 'TN'] });
  });

  test('a notice its issuer does not count is not sent at all', () => {
    expect(statisticsRecordOf(notice({ tlp: v1.Tlp.RED }), false)).toBeUndefined();
  });

  test('an uncounted update or withdrawal is sent with its ids only, to take out the version it names', () => {
    const update = notice({ relations: [{ kind: v1.RelationKind.UPDATE, noticeId: 'a5b1c2d3-0000-4000-8000-000000000001' }] });
    expect(statisticsRecordOf(update, false)).toEqual({
      noticeId: update.noticeId,
      counted: false,
      updates: 'a5b1c2d3-0000-4000-8000-000000000001',
      withdraws: '',
    });
  });

  test('a withdrawal is sent with its ids only, counted or not: it takes out what it names and is nothing of its own', () => {
    const withdrawal = notice({
      tlp: v1.Tlp.GREEN,
      relations: [
        { kind: v1.RelationKind.WITHDRAWAL, noticeId: 'a5b1c2d3-0000-4000-8000-000000000002', withdrawalCode: v1.WithdrawalCode.OTHER },
      ],
    });
    expect(statisticsRecordOf(withdrawal, true)).toEqual({
      noticeId: withdrawal.noticeId,
      counted: false,
      updates: '',
      withdraws: 'a5b1c2d3-0000-4000-8000-000000000002',
    });
  });

  test('a record with a route country or nationality that is not a country code is refused when applied', () => {
    const record = recordOf(notice({ route: { origin: ['Niger'] } }), true) ?? v1.StatisticsRecord.create();
    expect(() => countedNoticeOf(record)).toThrow(expect.objectContaining({ code: 'E_STATE' }));
  });

  test('a record that is not counted cannot be counted', () => {
    expect(() => countedNoticeOf(v1.StatisticsRecord.create({ noticeId: 'x', counted: false }))).toThrow(/not counted/);
  });

  test('a record with a value the statistics do not know is refused, not guessed', () => {
    const record = recordOf(notice(), true) ?? v1.StatisticsRecord.create();
    record.mode = 42 as v1.Mode;
    expect(() => countedNoticeOf(record)).toThrow(expect.objectContaining({ code: 'E_STATE' }));
  });
});
