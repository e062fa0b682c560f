import { describe, expect, test } from 'vitest';
import { protectTables, tabulate, type CountedPerson } from '../../libs/statistics/index.js';
import { hiddenIn, n, notice, person, rawTables, tableOf } from './notices.js';

const people = (count: number, of: () => CountedPerson): CountedPerson[] => Array.from({ length: count }, of);

describe('secondary suppression: no suppressed cell is the total less what is published', () => {
  test('a lone suppressed cell is joined by the smallest published nonzero cell, ties by key', () => {
    const raw = rawTables({ 'notices.origin': { cells: { LY: n(40), TN: n(3), TR: n(9), EG: n(9), MA: n(0) } } });
    expect(hiddenIn(protectTables(raw).suppressed, 'notices.origin')).toEqual(['EG', 'TN']);
  });

  test('cells join until the suppressed sum R less their count is at least p', () => {
    // R − |S|: 1 + 2 − 2 = 1, then 1 + 2 + 5 − 3 = 5 = p.
    const raw = rawTables({ 'notices.origin': { cells: { AL: n(1), DZ: n(2), EG: n(5), LY: n(6), TN: n(50) } } });
    expect(hiddenIn(protectTables(raw).suppressed, 'notices.origin')).toEqual(['AL', 'DZ', 'EG']);
  });

  test('a larger p asks more cells to join (p = k)', () => {
    const raw = rawTables({ 'notices.origin': { cells: { AL: n(1), DZ: n(2), EG: n(5), LY: n(6), TN: n(50) } } });
    expect(hiddenIn(protectTables(raw, { k: 6 }).suppressed, 'notices.origin')).toEqual(['AL', 'DZ', 'EG', 'LY']);
  });

  test('where no cell is left to join, the total is suppressed too, with every cell, and no country is listed', () => {
    const raw = rawTables({ 'notices.origin': { cells: { AL: n(1), LY: n(5), MA: n(0) } } });
    const { tables, suppressed } = protectTables(raw);
    expect(hiddenIn(suppressed, 'notices.origin')).toEqual(['AL', 'LY', 'MA', 'total']);
    expect(tableOf(tables, 'notices.origin')).toMatchObject({ cells: [], total: { value: null, suppressed: true } });
  });

  test('a route cell is at most N: where two suppressed cells hold most of R, a third joins', () => {
    // S = {LY 9, TN 9} of 10 notices that nearly all name both: R − w(S) = 16 ≥ p would stop here,
    // but each is at most N = 10, so at least 18 − 10 = 8: [8, 10]. EG 6 joins: R = 24, and each of
    // the three is then in [4, 10].
    const raw = rawTables({
      'notices.type': { cells: { ALERT: [10, 10] } },
      'notices.mode': { cells: { SEA: [10, 10] } },
      'notices.origin': { cells: { EG: n(6), LY: [9, 4], MA: n(7), TN: [9, 4], TR: n(10) } },
    });
    expect(hiddenIn(protectTables(raw).suppressed, 'notices.origin')).toEqual(['EG', 'LY', 'TN']);
  });

  test('suppressed cells added to protect others are counted as secondary', () => {
    const raw = rawTables({ 'notices.origin': { cells: { AL: n(1), DZ: n(2), EG: n(5), LY: n(6), TN: n(50) } } });
    expect(protectTables(raw).counts).toMatchObject({ suppressed: 3, primary: 2, secondary: 1 });
  });

  test('a cell of persons.role weighs as many as the nonzero cells of its larger table (each is then ≥ 1 to an attacker)', () => {
    // WITNESS (2 persons, 2 nationalities) and FACILITATOR (6, 3 nationalities): R = 8, weights 2 + 3,
    // so 8 − 5 < p and the next cell joins, where counting each as 1 (8 − 2 ≥ p) would have stopped.
    const persons = [
      person('WITNESS', 'ER'),
      person('WITNESS', 'SO'),
      ...['LY', 'TN', 'EG'].flatMap((c) => [person('FACILITATOR', c), person('FACILITATOR', c)]),
      ...people(30, () => person('SMUGGLER_SUSPECT', 'LY')),
      ...people(50, () => person('SMUGGLED_MIGRANT', 'SY')),
    ];
    const { suppressed } = protectTables(tabulate(persons.map((p) => notice({ persons: [p] }))));
    expect(hiddenIn(suppressed, 'persons.role')).toEqual(['SMUGGLER_SUSPECT', 'FACILITATOR', 'WITNESS']);
  });
});
