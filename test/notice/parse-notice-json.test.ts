import { describe, expect, test } from 'vitest';
import { parseNoticeJson } from '../../libs/notice/index.js';
import { v1 } from '../../libs/proto/index.js';

const minimal = {
  noticeId: '0b6f1b5e-3c1d-4a8e-9f0a-2d4b6c8e0f12',
  issuingAgency: 'it-police',
  issuedAt: '2026-11-29T08:30:00Z',
  caseRef: 'IT-1',
  type: 'ALERT',
  tlp: 'AMBER',
  mode: 'SEA',
  route: { origin: ['LY'] },
};

function parseWith(extra: Record<string, unknown>) {
  return parseNoticeJson(JSON.stringify({ ...minimal, ...extra }));
}

function schemaErrorOf(extra: Record<string, unknown>): { code: string; path?: string } {
  try {
    parseWith(extra);
  } catch (error) {
    return error as { code: string; path?: string };
  }
  throw new Error('expected a schema error');
}

describe('notice JSON follows the proto3 JSON mapping, strictly', () => {
  test('enum names map to their values', () => {
    const notice = parseWith({ caveats: ['WITNESS_PROTECTION'] });
    expect(notice.tlp).toBe(v1.Tlp.AMBER);
    expect(notice.caveats).toEqual([v1.Caveat.WITNESS_PROTECTION]);
  });

  test('an RFC 3339 time with an offset becomes the same instant', () => {
    expect(Number(parseWith({ issuedAt: '2026-11-29T10:30:00.5+02:00' }).issuedAt?.seconds)).toBe(Date.UTC(2026, 10, 29, 8, 30) / 1000);
  });

  test('an unknown field is refused, naming it', () => {
    expect(schemaErrorOf({ severity: 'high' })).toMatchObject({ code: 'E_SCHEMA', path: 'severity' });
  });

  test('an unknown field inside a nested message is refused with its path', () => {
    expect(schemaErrorOf({ persons: [{ role: 'WITNESS', nickname: 'x' }] })).toMatchObject({ path: 'persons[0].nickname' });
  });

  test('an unknown enum name is refused', () => {
    expect(schemaErrorOf({ tlp: 'PURPLE' })).toMatchObject({ code: 'E_SCHEMA', path: 'tlp' });
  });

  test('a number where a string belongs is refused', () => {
    expect(schemaErrorOf({ caseRef: 42 })).toMatchObject({ path: 'caseRef' });
  });

  test('a date that is not RFC 3339 is refused', () => {
    expect(schemaErrorOf({ issuedAt: '29/11/2026 08:30' })).toMatchObject({ path: 'issuedAt' });
  });

  test('proto field names are accepted as well as their JSON names', () => {
    expect(parseWith({ case_ref: undefined, migrant_count: 3 }).migrantCount).toBe(3);
  });

  test('minor keeps its presence: absent stays absent, false stays false', () => {
    const notice = parseWith({ persons: [{ role: 'SMUGGLED_MIGRANT' }, { role: 'SMUGGLED_MIGRANT', minor: false }] });
    expect(Object.hasOwn(notice.persons[0] ?? {}, 'minor')).toBe(false);
    expect(notice.persons[1]?.minor).toBe(false);
  });

  test('text that is not JSON is refused as E_SCHEMA', () => {
    expect(() => parseNoticeJson('{ not json')).toThrowError(expect.objectContaining({ code: 'E_SCHEMA' }));
  });
});
