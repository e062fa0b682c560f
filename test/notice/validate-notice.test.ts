import { describe, expect, test } from 'vitest';
import { validateNotice } from '../../libs/notice/index.js';
import { v1, type CaseNoticeProps } from '../../libs/proto/index.js';
import { sampleNotice } from '../harness/sample-notice.js';

function failure(notice: CaseNoticeProps): { code?: string; path?: string } {
  try {
    validateNotice(notice);
  } catch (error) {
    return error as { code: string; path: string };
  }
  return {};
}

describe('a notice is refused as E_SCHEMA, naming the field, when', () => {
  test('an enum is left UNSPECIFIED', () => {
    expect(failure(sampleNotice('it-police', { type: v1.NoticeType.NOTICE_TYPE_UNSPECIFIED }))).toEqual(
      expect.objectContaining({ code: 'E_SCHEMA', path: 'type' }),
    );
  });

  test('an enum holds a number the schema does not define', () => {
    expect(failure(sampleNotice('it-police', { mode: 9 as v1.Mode })).path).toBe('mode');
  });

  test('a person has no role', () => {
    const notice = sampleNotice('it-police');
    notice.persons = [{ ...notice.persons?.[0], role: v1.PersonRole.PERSON_ROLE_UNSPECIFIED }];
    expect(failure(notice).path).toBe('persons[0].role');
  });

  test('the noticeId is not a UUID', () => {
    expect(failure(sampleNotice('it-police', { noticeId: 'notice-1' })).path).toBe('noticeId');
  });

  test('a route country is not an ISO 3166-1 code', () => {
    expect(failure(sampleNotice('it-police', { route: { origin: ['Libya'] } })).path).toBe('route.origin[0]');
  });

  test('an addressee is listed twice', () => {
    expect(failure(sampleNotice('it-police', { addressees: ['ly-coastguard', 'ly-coastguard'] })).path).toBe('addressees[1]');
  });

  test('a date of birth is not a calendar date', () => {
    const notice = sampleNotice('it-police');
    notice.persons = [{ role: v1.PersonRole.WITNESS, dateOfBirth: '1990-02-30' }];
    expect(failure(notice).path).toBe('persons[0].dateOfBirth');
  });

  test('issuedAt lies beyond the year 9999', () => {
    expect(failure(sampleNotice('it-police', { issuedAt: { seconds: 2 ** 52, nanos: 0 } })).path).toBe('issuedAt');
  });

  test("a location's observedAt has nanos out of range", () => {
    const notice = sampleNotice('it-police');
    notice.locations = [{ lat: 1, lon: 1, observedAt: { seconds: 1, nanos: 2_000_000_000 } }];
    expect(failure(notice).path).toBe('locations[0].observedAt');
  });

  test('an amount is not a decimal number', () => {
    expect(failure(sampleNotice('it-police', { financial: [{ amount: '1,500' }] })).path).toBe('financial[0].amount');
  });
});

test('the sample notice is valid', () => {
  expect(() => validateNotice(sampleNotice('it-police'))).not.toThrow();
});
