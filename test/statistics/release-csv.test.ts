import { describe, expect, test } from 'vitest';
import { releaseRows, releasesToCsv, type ReleaseRow } from '../../libs/statistics/index.js';
import { releaseOf, someNotices } from './notices.js';

const march = (version: number) => releaseOf(someNotices(), { version }).release;
const april = () =>
  releaseOf(someNotices(), { period: '2025-04', start: new Date('2025-04-01T00:00:00Z'), end: new Date('2025-05-01T00:00:00Z') }).release;

const row = (overrides: Partial<ReleaseRow>): ReleaseRow => ({
  period: '2025-03',
  version: 1,
  table: 'notices.origin',
  measure: 'notices',
  dimension: 'origin',
  role: null,
  key: 'LY',
  value: 12,
  suppressed: false,
  ...overrides,
});

describe('releases as rows and CSV', () => {
  test('a release gives one row per cell and one per total, keyed total', () => {
    const release = march(1);
    const rows = releaseRows([release]);
    expect(rows).toHaveLength(release.disclosure.cells);
    expect(rows.find((r) => r.table === 'notices.type' && r.key === 'total')).toEqual(
      row({ table: 'notices.type', dimension: 'type', key: 'total', value: 20 }),
    );
  });

  test('a role table’s rows carry its role; the others have none', () => {
    const rows = releaseRows([march(1)]);
    expect(rows.find((r) => r.table === 'persons.SMUGGLED_MIGRANT.nationality')?.role).toBe('SMUGGLED_MIGRANT');
    expect(rows.find((r) => r.table === 'persons.role')?.role).toBeNull();
  });

  test('by keeps only the tables by those dimensions', () => {
    const rows = releaseRows([march(1)], { by: ['origin', 'nationality'] });
    expect(new Set(rows.map((r) => r.dimension))).toEqual(new Set(['origin', 'nationality']));
  });

  test('rows come by period, then version, whatever the order of the releases', () => {
    const rows = releaseRows([april(), march(2), march(1)]);
    const order = [...new Set(rows.map((r) => `${r.period} v${r.version}`))];
    expect(order).toEqual(['2025-03 v1', '2025-03 v2', '2025-04 v1']);
  });

  test('the CSV has a header line and LF after every line', () => {
    const csv = releasesToCsv([row({})]);
    expect(csv).toBe(
      'period,version,table,measure,dimension,role,key,value,suppressed\n2025-03,1,notices.origin,notices,origin,,LY,12,false\n',
    );
  });

  test('a suppressed value is an empty field, with suppressed true', () => {
    expect(releasesToCsv([row({ value: null, suppressed: true })]).split('\n')[1]).toBe(
      '2025-03,1,notices.origin,notices,origin,,LY,,true',
    );
  });

  test('a published zero is 0, not empty', () => {
    expect(releasesToCsv([row({ value: 0 })]).split('\n')[1]).toBe('2025-03,1,notices.origin,notices,origin,,LY,0,false');
  });

  test('a field with a comma, a quote or a line break is quoted, its quotes doubled', () => {
    const csv = releasesToCsv([row({ period: 'a,b', key: 'say "x"', table: 'two\nlines' })]);
    expect(csv).toContain('\n"a,b",1,"two\nlines",notices,origin,,"say ""x""",12,false\n');
  });

  test('every row of a release is a line of its CSV', () => {
    const rows = releaseRows([march(1)]);
    expect(releasesToCsv(rows).split('\n')).toHaveLength(rows.length + 2);
  });
});
