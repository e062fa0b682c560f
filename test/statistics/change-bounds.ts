import { tabulate } from '../../libs/statistics/index.js';
import type { NoticeChange } from './corpus.js';

/**
 * How far each number (an unqualified id) of a period's release can move between two versions,
 * to an attacker told c, the number of notices changed in between: a count of notices (a cell,
 * N) by at most c, each changed notice moving it by at most 1. Nothing bounds the other numbers
 * (Infinity): a changed notice may carry any number of migrants, deaths, persons or countries.
 */
export function toldCount(changes: readonly NoticeChange[]): (id: string) => number {
  const c = changes.length;
  return (id) => (countsNotices(id) ? c : Number.POSITIVE_INFINITY);
}

function countsNotices(id: string): boolean {
  const [table, key] = id.split('/') as [string, string];
  return table.startsWith('notices.') && (key !== 'total' || table === 'notices.type' || table === 'notices.mode');
}

/**
 * The same to an attacker told more: besides c, what the changed notices add to one cell, or to
 * the total, of each table, before or after, summed (a changed notice with 300 migrants can move
 * a cell of migrants by 300; one with none, not at all). Every bound holds for the true change.
 */
export function toldAmounts(changes: readonly NoticeChange[]): (id: string) => number {
  const cellMost = new Map<string, number>();
  const totalMost = new Map<string, number>();
  const add = (into: Map<string, number>, table: string, amount: number): void => {
    into.set(table, (into.get(table) ?? 0) + amount);
  };
  for (const { before, after } of changes) {
    const sides = (after ? [before, after] : [before]).map((n) => tabulate([n]));
    sides[0]!.forEach((table, i) => {
      const tables = sides.map((side) => side[i]!);
      add(cellMost, table.id, Math.max(...tables.flatMap((t) => t.cells.map((c) => c.value)), 0));
      add(totalMost, table.id, Math.max(...tables.map((t) => t.total.value)));
    });
  }
  const c = changes.length;
  return (id) => {
    if (countsNotices(id)) return c;
    const slash = id.indexOf('/');
    return (id.slice(slash + 1) === 'total' ? totalMost : cellMost).get(id.slice(0, slash)) ?? 0;
  };
}
