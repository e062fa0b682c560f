import { describe, expect, test } from 'vitest';
import { AGE_STATUSES, MODES, NOTICE_TYPES, PERSON_ROLES, TABLE_SHAPES, tabulate } from '../../libs/statistics/index.js';
import { cellOf, notice, person, tableOf } from './notices.js';

describe('tabulating counted notices', () => {
  test('the tables are format 1’s, in order: three measures by five dimensions, persons by role, and each role by nationality and age', () => {
    expect(tabulate([]).map((t) => t.id)).toEqual([
      ...['notices', 'migrants', 'deaths'].flatMap((m) => ['type', 'mode', 'origin', 'transit', 'destination'].map((d) => `${m}.${d}`)),
      'persons.role',
      ...PERSON_ROLES.flatMap((r) => [`persons.${r}.nationality`, `persons.${r}.age`]),
    ]);
    expect(TABLE_SHAPES).toHaveLength(24);
  });

  test('there is no table of nationality or age over all roles', () => {
    expect(tabulate([]).filter((t) => t.role === undefined && (t.dimension === 'nationality' || t.dimension === 'age'))).toEqual([]);
  });

  test('type, mode, role and age list every key, even at zero', () => {
    const tables = tabulate([]);
    expect(tableOf(tables, 'notices.type').cells.map((c) => c.key)).toEqual(NOTICE_TYPES);
    expect(tableOf(tables, 'deaths.mode').cells.map((c) => c.key)).toEqual(MODES);
    expect(tableOf(tables, 'persons.role').cells.map((c) => c.key)).toEqual(PERSON_ROLES);
    expect(tableOf(tables, 'persons.WITNESS.age').cells.map((c) => [c.key, c.value])).toEqual(AGE_STATUSES.map((a) => [a, 0]));
  });

  test('route and nationality tables list the keys present, in code-point order', () => {
    const tables = tabulate([
      notice({
        route: { origin: ['TN', 'EG'], transit: [], destination: ['IT'] },
        persons: [person('WITNESS', 'unknown'), person('WITNESS', 'ER')],
      }),
    ]);
    expect(tableOf(tables, 'notices.origin').cells.map((c) => c.key)).toEqual(['EG', 'TN']);
    expect(tableOf(tables, 'notices.transit').cells).toEqual([]);
    expect(tableOf(tables, 'persons.WITNESS.nationality').cells.map((c) => c.key)).toEqual(['ER', 'unknown']);
  });

  test('a country named twice on one leg of a notice is counted once', () => {
    const tables = tabulate([notice({ route: { origin: ['LY', 'LY'], transit: [], destination: ['IT'] }, migrantCount: 40 })]);
    expect(cellOf(tables, 'notices.origin', 'LY')).toMatchObject({ value: 1, contributors: 1 });
    expect(cellOf(tables, 'migrants.origin', 'LY').value).toBe(40);
  });

  test('a route table’s total is its mentions, not its notices', () => {
    const tables = tabulate([notice({ route: { origin: ['LY', 'TN'], transit: [], destination: ['IT'] } }), notice()]);
    expect(tableOf(tables, 'notices.origin').total).toEqual({ value: 3, contributors: 2 });
    expect(tableOf(tables, 'notices.type').total).toEqual({ value: 2, contributors: 2 });
  });

  test('by type and by mode share one total per measure: N, M and D', () => {
    const tables = tabulate([
      notice({ type: 'ALERT', mode: 'SEA', migrantCount: 30, deathsReported: 2 }),
      notice({ type: 'CASE_UPDATE', mode: 'LAND', migrantCount: 12 }),
      notice({ type: 'ALERT', mode: 'AIR' }),
    ]);
    for (const [measure, total] of [
      ['notices', { value: 3, contributors: 3 }],
      ['migrants', { value: 42, contributors: 2 }],
      ['deaths', { value: 2, contributors: 1 }],
    ] as const) {
      expect(tableOf(tables, `${measure}.type`).total).toEqual(total);
      expect(tableOf(tables, `${measure}.mode`).total).toEqual(total);
    }
  });

  test('a cell’s contributors are the notices with a nonzero part in it', () => {
    const tables = tabulate([notice({ migrantCount: 300 }), notice({ migrantCount: 0 }), notice({ migrantCount: 5 })]);
    expect(cellOf(tables, 'migrants.type', 'ALERT')).toEqual({ key: 'ALERT', value: 305, contributors: 2 });
    expect(cellOf(tables, 'notices.type', 'ALERT')).toEqual({ key: 'ALERT', value: 3, contributors: 3 });
  });

  test('a role’s nationality and age tables each total that role’s cell of persons.role', () => {
    const tables = tabulate([
      notice({ persons: [person('SMUGGLED_MIGRANT', 'SY', 'minor'), person('SMUGGLED_MIGRANT', 'AF'), person('FACILITATOR', 'LY')] }),
      notice({ persons: [person('SMUGGLED_MIGRANT', 'SY', 'unaccompanied-minor')] }),
    ]);
    expect(tableOf(tables, 'persons.role').total).toEqual({ value: 4, contributors: 2 });
    for (const role of PERSON_ROLES) {
      const parent = cellOf(tables, 'persons.role', role);
      for (const dimension of ['nationality', 'age']) {
        const child = tableOf(tables, `persons.${role}.${dimension}`);
        expect(child.total).toEqual({ value: parent.value, contributors: parent.contributors });
        expect(child.cells.reduce((s, c) => s + c.value, 0)).toBe(parent.value);
      }
    }
  });

  test('persons tables count persons, and their contributors are the notices that name them', () => {
    const two = [person('SMUGGLER_SUSPECT', 'LY'), person('SMUGGLER_SUSPECT', 'LY')];
    const tables = tabulate([notice({ persons: two }), notice({ persons: [person('SMUGGLER_SUSPECT', 'LY')] })]);
    expect(cellOf(tables, 'persons.SMUGGLER_SUSPECT.nationality', 'LY')).toMatchObject({ value: 3, contributors: 2 });
    expect(cellOf(tables, 'persons.role', 'SMUGGLER_SUSPECT')).toMatchObject({ value: 3, contributors: 2 });
    expect(tableOf(tables, 'persons.role').total).toEqual({ value: 3, contributors: 2 });
  });

  test.each([
    ['a type it does not know', { type: 'RUMOUR' }, 'notices[0].type'],
    ['a negative migrant count', { migrantCount: -1 }, 'notices[0].migrantCount'],
    ['a country that is not an ISO code', { route: { origin: ['Libya'], transit: [], destination: [] } }, 'notices[0].route.origin[0]'],
    ['a nationality that is not an ISO code', { persons: [person('WITNESS', 'total')] }, 'notices[0].persons[0].nationality'],
  ])('a notice with %s is refused with E_STATE naming the field', (_, overrides, path) => {
    expect(() => tabulate([notice(overrides as never)])).toThrow(expect.objectContaining({ code: 'E_STATE', path }));
  });
});
