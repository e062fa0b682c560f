import { describe, expect, test } from 'vitest';
import { MAX_RECORDS_PAGE, parseRecordsQuery, recordsPath } from '../../libs/audit-console/index.js';

describe("the records page's query", () => {
  test('empty fields are no filter; the page is the first', () => {
    expect(parseRecordsQuery({ notice: '', agency: ' ', kind: '' })).toEqual({ query: { page: 1 }, typed: {}, invalid: [] });
  });

  test('valid filters are taken: a notice id, an agency id, a kind, RFC 3339 times, a page', () => {
    const parsed = parseRecordsQuery({
      notice: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
      agency: 'it-police',
      kind: 'VIEW',
      since: '2026-11-29T08:00:00Z',
      until: '2026-11-29T10:00:00+01:00',
      page: '3',
    });
    expect(parsed.invalid).toEqual([]);
    expect(parsed.query).toEqual({
      notice: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
      agency: 'it-police',
      kind: 'VIEW',
      since: new Date('2026-11-29T08:00:00Z'),
      until: new Date('2026-11-29T09:00:00Z'),
      page: 3,
    });
  });

  test.each([
    ['notice', '<script>alert(1)</script>'],
    ['agency', 'IT-Police'],
    ['kind', 'view'],
    ['since', '29/11/2026'],
    ['until', '2026-11-29'],
    ['page', '0'],
    ['page', String(MAX_RECORDS_PAGE + 1)],
  ])('%s %j is reported as not valid, kept as typed, and filters nothing', (field, value) => {
    const parsed = parseRecordsQuery({ [field]: value });
    expect(parsed.invalid).toEqual([field]);
    expect(parsed.typed).toEqual({ [field]: value });
    expect(parsed.query).toEqual({ page: 1 });
  });

  test('a field given twice is not valid (no guessing which one was meant)', () => {
    expect(parseRecordsQuery({ kind: ['VIEW', 'RECEIPT'] }).invalid).toEqual(['kind']);
  });

  test('the path of a query round-trips through the parser', () => {
    const query = { notice: 'abc-1', agency: 'ly-coastguard', kind: 'RECEIPT' as const, since: new Date('2026-11-29T08:00:00Z'), page: 2 };
    const path = recordsPath(query);
    expect(path).toBe('/records?notice=abc-1&agency=ly-coastguard&kind=RECEIPT&since=2026-11-29T08%3A00%3A00.000Z&page=2');
    expect(parseRecordsQuery(Object.fromEntries(new URL(path, 'http://x').searchParams)).query).toEqual(query);
    expect(recordsPath({ page: 1 })).toBe('/records');
  });
});
