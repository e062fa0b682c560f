import { describe, expect, test } from 'vitest';
import { protectTables, tabulate } from '../../libs/statistics/index.js';
import { cellOf, hiddenIn, n, notice, person, rawTables, tableOf, times } from './notices.js';

describe('primary suppression: numbers with few contributors', () => {
  test('a cell with 1 to k − 1 contributors is suppressed as primary', () => {
    const { suppressed, counts } = protectTables(rawTables({ 'notices.origin': { cells: { LY: n(40), TN: n(4), TR: n(30) } } }));
    expect(suppressed).toContain('notices.origin/TN');
    expect(counts.primary).toBe(1);
  });

  test('cells with k contributors or more are published', () => {
    const { tables, suppressed } = protectTables(rawTables({ 'notices.origin': { cells: { LY: n(5), TN: n(12) } } }));
    expect(suppressed).toEqual([]);
    expect(tableOf(tables, 'notices.origin').cells).toEqual([
      { key: 'LY', value: 5, suppressed: false },
      { key: 'TN', value: 12, suppressed: false },
    ]);
  });

  test('contributors decide, not the value: 300 migrants from 2 notices are suppressed', () => {
    const raw = tabulate([...times(2, { migrantCount: 150, mode: 'AIR' }), ...times(20, { migrantCount: 10 })]);
    expect(cellOf(protectTables(raw).tables, 'migrants.mode', 'AIR')).toEqual({ key: 'AIR', value: null, suppressed: true });
  });

  test('persons are suppressed for their few notices: 6 persons of one nationality from one notice are one contributor', () => {
    const persons = Array.from({ length: 6 }, () => person('SMUGGLED_MIGRANT', 'ER'));
    const raw = tabulate([notice({ persons }), ...times(20, { persons: [person('SMUGGLED_MIGRANT', 'SY')] })]);
    const { suppressed } = protectTables(raw);
    expect(suppressed).toContain('persons.SMUGGLED_MIGRANT.nationality/ER');
  });

  test('a zero cell is published as 0 where its table’s total is', () => {
    const { tables } = protectTables(tabulate(times(12)));
    expect(cellOf(tables, 'notices.type', 'CASE_UPDATE')).toEqual({ key: 'CASE_UPDATE', value: 0, suppressed: false });
    expect(cellOf(tables, 'deaths.type', 'ALERT')).toEqual({ key: 'ALERT', value: 0, suppressed: false });
  });

  test('a total with 1 to k − 1 contributors is suppressed, and with it every cell of its table', () => {
    const { suppressed } = protectTables(rawTables({ 'notices.transit': { cells: { NE: n(2), TR: n(2) }, total: [4, 3] } }));
    expect(hiddenIn(suppressed, 'notices.transit')).toEqual(['NE', 'TR', 'total']);
  });

  test('k is 5 unless given: 4 contributors are suppressed, and with k = 10, 7 are', () => {
    const raw = rawTables({ 'notices.origin': { cells: { LY: n(60), TN: n(4), TR: n(7), EG: n(30) } } });
    expect(protectTables(raw).counts.primary).toBe(1);
    expect(protectTables(raw, { k: 10 }).counts.primary).toBe(2);
  });

  test.each([2, 0, 4.5, Number.NaN])('k = %s is refused with E_CONFIG', (k) => {
    expect(() => protectTables(tabulate([notice()]), { k })).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
  });
});
