import { describe, expect, test } from 'vitest';
import { protectTables, tabulate, type CountedPerson } from '../../libs/statistics/index.js';
import { cellOf, hiddenIn, notice, person, times } from './notices.js';

const people = (count: number, of: () => CountedPerson): CountedPerson[] => Array.from({ length: count }, of);

describe('whole tables: a suppressed total, shared or a parent cell, is suppressed wherever it is published', () => {
  test('N suppressed in notices.type, for want of cells to join, is suppressed in notices.mode with its nonzero cells', () => {
    // notices.type: ALERT 1 is primary; CASE_UPDATE 5 joins (6 − 2 < p) and nothing is left.
    const { suppressed } = protectTables(tabulate([notice({ type: 'ALERT' }), ...times(5, { type: 'CASE_UPDATE' })]));
    expect(hiddenIn(suppressed, 'notices.type')).toEqual(['ALERT', 'CASE_UPDATE', 'total']);
    expect(hiddenIn(suppressed, 'notices.mode')).toEqual(['SEA', 'total']);
  });

  test('M and D are each shared by their two tables in the same way', () => {
    const raw = tabulate([notice({ migrantCount: 40, deathsReported: 3 }), ...times(20, { type: 'CASE_UPDATE' })]);
    const { suppressed } = protectTables(raw);
    for (const table of ['migrants.type', 'migrants.mode', 'deaths.type', 'deaths.mode']) expect(suppressed).toContain(`${table}/total`);
  });

  test('a role’s nationality and age tables are suppressed whole when its cell of persons.role is', () => {
    const persons = [...people(3, () => person('WITNESS', 'ER')), ...people(20, () => person('SMUGGLED_MIGRANT', 'SY'))];
    const { tables, suppressed } = protectTables(tabulate([notice({ persons })]));
    expect(suppressed).toContain('persons.role/WITNESS');
    expect(hiddenIn(suppressed, 'persons.WITNESS.nationality')).toEqual(['ER', 'total']);
    expect(hiddenIn(suppressed, 'persons.WITNESS.age')).toEqual(['adult', 'total']);
    expect(cellOf(tables, 'persons.WITNESS.age', 'minor')).toEqual({ key: 'minor', value: 0, suppressed: false });
  });

  test('a role table that cannot be protected takes its cell of persons.role with it, and that role’s other table', () => {
    // persons.FACILITATOR.nationality: LY 3 and TN 3 are primary, 6 − 2 < p, nothing left: its total is
    // FACILITATOR's cell of persons.role, which is suppressed there (with a partner) and in the age table.
    const persons = [
      ...people(3, () => person('FACILITATOR', 'LY')),
      ...people(3, () => person('FACILITATOR', 'TN')),
      ...people(20, () => person('SMUGGLER_SUSPECT', 'LY')),
      ...people(40, () => person('SMUGGLED_MIGRANT', 'SY')),
    ];
    const { suppressed } = protectTables(tabulate([notice({ persons })]));
    expect(hiddenIn(suppressed, 'persons.FACILITATOR.nationality')).toEqual(['LY', 'TN', 'total']);
    expect(hiddenIn(suppressed, 'persons.role')).toEqual(['SMUGGLER_SUSPECT', 'FACILITATOR']);
    expect(hiddenIn(suppressed, 'persons.FACILITATOR.age')).toEqual(['adult', 'total']);
  });

  test('route tables have their own totals: one suppressed whole leaves the rest published', () => {
    const raw = tabulate([...times(2, { route: { origin: ['LY'], transit: ['NE'], destination: ['IT'] } }), ...times(10)]);
    const { suppressed } = protectTables(raw);
    expect(hiddenIn(suppressed, 'notices.transit')).toEqual(['NE', 'total']);
    expect(
      suppressed.filter((id) => !id.startsWith('notices.transit/') && !id.startsWith('migrants.') && !id.startsWith('deaths.')),
    ).toEqual([]);
  });
});
