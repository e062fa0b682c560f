import { describe, expect, test } from 'vitest';
import {
  buildRelease,
  parseRelease,
  protectTables,
  tabulate,
  type CountedNotice,
  type CountedPerson,
} from '../../libs/statistics/index.js';
import { cellOf, hiddenIn, MARCH, notice, person, tableOf, times } from './notices.js';

/** One notice per person: each person's notice is its one contributor. */
const onePerNotice = (count: number, of: () => CountedPerson): CountedNotice[] =>
  Array.from({ length: count }, () => notice({ persons: [of()] }));

const coverage = [{ issuer: 'it-police', countedTlp: ['CLEAR'] }];

const AGES = ['adult', 'minor', 'unaccompanied-minor', 'age-unknown', 'total'];

describe('whole tables: a suppressed total, shared or a parent cell, is suppressed wherever it is published', () => {
  test('N suppressed in notices.type, for want of cells to join, is suppressed in notices.mode, every cell with it, zeros too', () => {
    // notices.type: ALERT 1 is primary; CASE_UPDATE 5 joins (6 − 2 < p) and nothing is left.
    const { tables, suppressed } = protectTables(tabulate([notice({ type: 'ALERT' }), ...times(5, { type: 'CASE_UPDATE' })]));
    expect(hiddenIn(suppressed, 'notices.type')).toEqual([
      'ALERT',
      'REQUEST_FOR_INFORMATION',
      'INTELLIGENCE_REPORT',
      'CASE_UPDATE',
      'total',
    ]);
    expect(hiddenIn(suppressed, 'notices.mode')).toEqual(['LAND', 'SEA', 'AIR', 'total']);
    expect(cellOf(tables, 'notices.mode', 'AIR')).toEqual({ key: 'AIR', value: null, suppressed: true });
  });

  test('M and D are each shared by their two tables in the same way', () => {
    const raw = tabulate([notice({ migrantCount: 40, deathsReported: 3 }), ...times(20, { type: 'CASE_UPDATE' })]);
    const { suppressed } = protectTables(raw);
    for (const table of ['migrants.type', 'migrants.mode', 'deaths.type', 'deaths.mode']) expect(suppressed).toContain(`${table}/total`);
  });

  test('a role’s tables are suppressed whole when its cell of persons.role is: every age, and no nationality listed', () => {
    const notices = [...onePerNotice(3, () => person('WITNESS', 'ER')), ...onePerNotice(20, () => person('SMUGGLED_MIGRANT', 'SY'))];
    const { tables, suppressed } = protectTables(tabulate(notices));
    expect(suppressed).toContain('persons.role/WITNESS');
    expect(tableOf(tables, 'persons.WITNESS.nationality')).toMatchObject({ cells: [], total: { value: null, suppressed: true } });
    expect(hiddenIn(suppressed, 'persons.WITNESS.age')).toEqual(AGES);
    expect(cellOf(tables, 'persons.WITNESS.age', 'minor')).toEqual({ key: 'minor', value: null, suppressed: true });
  });

  test('a role table that cannot be protected takes its cell of persons.role with it, and that role’s other table', () => {
    // persons.FACILITATOR.nationality: LY 3 and TN 3 are primary, 6 − 2 < p, nothing left: its total is
    // FACILITATOR's cell of persons.role, which is suppressed there (with a partner) and in the age table.
    const notices = [
      ...onePerNotice(3, () => person('FACILITATOR', 'LY')),
      ...onePerNotice(3, () => person('FACILITATOR', 'TN')),
      ...onePerNotice(20, () => person('SMUGGLER_SUSPECT', 'LY')),
      ...onePerNotice(40, () => person('SMUGGLED_MIGRANT', 'SY')),
    ];
    const { suppressed } = protectTables(tabulate(notices));
    expect(hiddenIn(suppressed, 'persons.FACILITATOR.nationality')).toEqual(['LY', 'TN', 'total']);
    expect(hiddenIn(suppressed, 'persons.role')).toEqual(['SMUGGLER_SUSPECT', 'FACILITATOR']);
    expect(hiddenIn(suppressed, 'persons.FACILITATOR.age')).toEqual(AGES);
  });

  test('route tables have their own totals: one suppressed whole lists no country and leaves the rest published', () => {
    const raw = tabulate([...times(2, { route: { origin: ['LY'], transit: ['NE'], destination: ['IT'] } }), ...times(10)]);
    const { tables, suppressed } = protectTables(raw);
    expect(tableOf(tables, 'notices.transit')).toMatchObject({ cells: [], total: { value: null, suppressed: true } });
    expect(hiddenIn(suppressed, 'notices.transit')).toEqual(['NE', 'total']);
    expect(
      suppressed.filter((id) => !id.startsWith('notices.transit/') && !id.startsWith('migrants.') && !id.startsWith('deaths.')),
    ).toEqual([]);
  });

  test('a period of fewer than k notices publishes no number: not its type, mode, route or nationalities, nor its zeros', () => {
    const one = notice({ migrantCount: 7, persons: [person('SMUGGLED_MIGRANT', 'ER'), person('SMUGGLER_SUSPECT', 'LY')] });
    const { tables, counts } = protectTables(tabulate([one]));
    expect(counts.suppressed).toBe(counts.cells);
    expect(tables.flatMap((t) => [...t.cells, t.total]).filter((v) => !v.suppressed)).toEqual([]);
    for (const t of tables) if (['origin', 'transit', 'destination', 'nationality'].includes(t.dimension)) expect(t.cells).toEqual([]);
    expect(tableOf(tables, 'deaths.type').total).toEqual({ value: null, suppressed: true });
  });

  test('the release of such a period reads back, and its next version carries what it did not list', () => {
    const first = buildRelease({ ...MARCH, version: 1, releasedAt: new Date('2025-04-03T00:00:00Z'), coverage, notices: [notice()] });
    expect(first.suppressed).toEqual(expect.arrayContaining(['notices.origin/LY', 'notices.origin/total']));
    expect(parseRelease(JSON.parse(JSON.stringify(first.release)))).toEqual(first.release);
    const second = buildRelease({
      ...MARCH,
      version: 2,
      releasedAt: new Date('2025-04-13T00:00:00Z'),
      coverage,
      notices: [notice(), ...times(11, { route: { origin: ['TN'], transit: [], destination: ['IT'] } })],
      previouslySuppressed: first.suppressed,
    });
    expect(second.suppressed).toEqual(expect.arrayContaining(first.suppressed));
    expect(tableOf(second.release.tables, 'notices.origin').cells).toEqual([]);
    expect(parseRelease(JSON.parse(JSON.stringify(second.release)))).toEqual(second.release);
  });
});
