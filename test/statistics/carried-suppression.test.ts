import { describe, expect, test } from 'vitest';
import { protectTables, tabulate } from '../../libs/statistics/index.js';
import { cellOf, hiddenIn, n, rawTables, tableOf, times } from './notices.js';

const origins = () => rawTables({ 'notices.origin': { cells: { LY: n(40), TN: n(10), TR: n(30) } } });

describe('suppression carried from earlier versions of a period', () => {
  test('a cell suppressed before stays suppressed though it now has k contributors, with a partner', () => {
    const { suppressed } = protectTables(origins(), { previouslySuppressed: ['notices.origin/TN'] });
    expect(hiddenIn(suppressed, 'notices.origin')).toEqual(['TN', 'TR']);
  });

  test('a carried country no notice names any more is still listed, suppressed', () => {
    const { tables, suppressed } = protectTables(origins(), { previouslySuppressed: ['notices.origin/MA'] });
    expect(cellOf(tables, 'notices.origin', 'MA')).toEqual({ key: 'MA', value: null, suppressed: true });
    expect(tables.find((t) => t.id === 'notices.origin')?.cells.map((c) => c.key)).toEqual(['LY', 'MA', 'TN', 'TR']);
    expect(hiddenIn(suppressed, 'notices.origin')).toEqual(['MA', 'TN']);
  });

  test('a carried total suppresses its table whole again, and it lists no country', () => {
    const { tables, suppressed } = protectTables(origins(), { previouslySuppressed: ['notices.origin/total'] });
    expect(hiddenIn(suppressed, 'notices.origin')).toEqual(['LY', 'TN', 'TR', 'total']);
    expect(tableOf(tables, 'notices.origin').cells).toEqual([]);
  });

  test('a carried cell of a table now suppressed whole is not listed, and is carried on to the next version', () => {
    const { tables, suppressed, counts } = protectTables(origins(), {
      previouslySuppressed: ['notices.origin/MA', 'notices.origin/total'],
    });
    expect(tableOf(tables, 'notices.origin').cells).toEqual([]);
    expect(suppressed).toEqual(expect.arrayContaining(['notices.origin/MA', 'notices.origin/total']));
    expect(counts).toMatchObject({ suppressed: 1, primary: 0, secondary: 1 });
  });

  test('a total carried at 0 over cells all 0 has its cells suppressed (it would be their sum)', () => {
    const { suppressed } = protectTables(tabulate(times(10)), { previouslySuppressed: ['deaths.type/total'] });
    expect(hiddenIn(suppressed, 'deaths.mode')).toEqual(['LAND', 'SEA', 'AIR', 'total']);
  });

  test('carried numbers count as secondary unless they are below k again', () => {
    const { counts } = protectTables(origins(), { previouslySuppressed: ['notices.origin/TN'] });
    expect(counts).toMatchObject({ suppressed: 2, primary: 0, secondary: 2 });
  });

  test('previously suppressed ids may come as a set', () => {
    const { suppressed } = protectTables(origins(), { previouslySuppressed: new Set(['notices.origin/TN']) });
    expect(hiddenIn(suppressed, 'notices.origin')).toEqual(['TN', 'TR']);
  });

  test.each(['notices.colour/red', 'notices.type/RUMOUR', 'notices.origin', 'notices.origin/Libya', 'persons.role/'])(
    'a carried id "%s" that names no cell is refused with E_STATE',
    (id) => {
      expect(() => protectTables(origins(), { previouslySuppressed: [id] })).toThrow(expect.objectContaining({ code: 'E_STATE' }));
    },
  );
});
