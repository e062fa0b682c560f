import { AccordError } from '../errors/index.js';
import { AGE_STATUSES, LEGS, MODES, NOTICE_TYPES, PERSON_ROLES, type CountedNotice } from './counted-notice.js';
import { compareKeys, fixedKeys, isKeyOf, TABLE_SHAPES, type TableShape } from './table-layout.js';

/** An exact number and how many notices contributed to it: those with a nonzero part in it (for persons tables too). */
export interface RawCount {
  value: number;
  contributors: number;
}

export interface RawCell extends RawCount {
  key: string;
}

/** A table before disclosure control: exact values, never published as such. */
export interface RawTable extends TableShape {
  cells: RawCell[];
  total: RawCount;
}

const NOTICE_AMOUNTS = {
  notices: () => 1,
  migrants: (n: CountedNotice) => n.migrantCount,
  deaths: (n: CountedNotice) => n.deathsReported,
} as const;

/** Amounts by table and key (and by table for totals): one notice's, or the sum of many, with their contributors. */
class Tally {
  readonly cells = new Map<string, Map<string, RawCount>>();
  readonly totals = new Map<string, RawCount>();

  add(table: string, key: string, amount: number, contributors = 0): void {
    const cells = this.cells.get(table) ?? new Map<string, RawCount>();
    this.cells.set(table, cells);
    const cell = cells.get(key) ?? { value: 0, contributors: 0 };
    cells.set(key, cell);
    cell.value += amount;
    cell.contributors += contributors;
  }

  addTotal(table: string, amount: number, contributors = 0): void {
    const total = this.totals.get(table) ?? { value: 0, contributors: 0 };
    this.totals.set(table, total);
    total.value += amount;
    total.contributors += contributors;
  }

  /**
   * One notice's tally, of which each nonzero number has that notice as one contributor. A key
   * it names at 0 is kept (a country named by a notice without migrants is a cell of
   * migrants.origin, at 0).
   */
  addNotice(notice: Tally): void {
    for (const [table, cells] of notice.cells) {
      for (const [key, cell] of cells) this.add(table, key, cell.value, cell.value > 0 ? 1 : 0);
    }
    for (const [table, total] of notice.totals) this.addTotal(table, total.value, total.value > 0 ? 1 : 0);
  }
}

/** What one notice adds to each table. A country is counted once per leg, however often the notice names it. */
function noticeTally(notice: CountedNotice): Tally {
  const tally = new Tally();
  for (const [measure, amountOf] of Object.entries(NOTICE_AMOUNTS)) {
    const amount = amountOf(notice);
    for (const dimension of ['type', 'mode'] as const) {
      tally.add(`${measure}.${dimension}`, notice[dimension], amount);
      tally.addTotal(`${measure}.${dimension}`, amount);
    }
    for (const leg of LEGS) {
      const countries = new Set(notice.route[leg]);
      for (const country of countries) tally.add(`${measure}.${leg}`, country, amount);
      tally.addTotal(`${measure}.${leg}`, amount * countries.size);
    }
  }
  for (const person of notice.persons) {
    tally.add('persons.role', person.role, 1);
    tally.addTotal('persons.role', 1);
    for (const [dimension, key] of [
      ['nationality', person.nationality],
      ['age', person.age],
    ] as const) {
      tally.add(`persons.${person.role}.${dimension}`, key, 1);
      tally.addTotal(`persons.${person.role}.${dimension}`, 1);
    }
  }
  return tally;
}

/**
 * The tables of one period's counted notices (TABLE_SHAPES, in that order). A country is
 * counted once per notice and leg; a route table's total is the sum of its cells (a notice
 * naming two countries counts in both), so it is not the number of notices. Persons tables
 * count persons, but their contributors are notices: six persons of one notice are one
 * contributor, since they describe one notice.
 */
export function tabulate(notices: readonly CountedNotice[]): RawTable[] {
  const tally = new Tally();
  notices.forEach((notice, i) => {
    checkNotice(notice, `notices[${i}]`);
    tally.addNotice(noticeTally(notice));
  });
  return TABLE_SHAPES.map((shape) => {
    const counted = tally.cells.get(shape.id) ?? new Map<string, RawCount>();
    const keys = fixedKeys(shape.dimension) ?? [...counted.keys()].sort(compareKeys);
    const cells = keys.map((key) => ({ key, ...(counted.get(key) ?? { value: 0, contributors: 0 }) }));
    return { ...shape, cells, total: tally.totals.get(shape.id) ?? { value: 0, contributors: 0 } };
  });
}

function checkNotice(n: CountedNotice, path: string): void {
  const refuse = (field: string, what: string): never => {
    throw new AccordError('E_STATE', `${path}.${field}: ${what}`, { path: `${path}.${field}` });
  };
  if (!NOTICE_TYPES.includes(n.type)) refuse('type', `not one of ${NOTICE_TYPES.join(', ')}`);
  if (!MODES.includes(n.mode)) refuse('mode', `not one of ${MODES.join(', ')}`);
  for (const field of ['migrantCount', 'deathsReported'] as const) {
    if (!Number.isSafeInteger(n[field]) || n[field] < 0) refuse(field, 'not a count (a whole number, 0 or more)');
  }
  for (const leg of LEGS) {
    n.route[leg].forEach((country, j) => {
      if (!isKeyOf(leg, country)) refuse(`route.${leg}[${j}]`, 'not an ISO 3166-1 alpha-2 code');
    });
  }
  n.persons.forEach((p, j) => {
    if (!PERSON_ROLES.includes(p.role)) refuse(`persons[${j}].role`, `not one of ${PERSON_ROLES.join(', ')}`);
    if (!AGE_STATUSES.includes(p.age)) refuse(`persons[${j}].age`, `not one of ${AGE_STATUSES.join(', ')}`);
    if (!isKeyOf('nationality', p.nationality)) refuse(`persons[${j}].nationality`, 'not an ISO 3166-1 alpha-2 code or "unknown"');
  });
}
