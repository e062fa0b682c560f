import { AccordError } from '../errors/index.js';
import type { DisclosureCounts, ReleaseTable } from './release.js';
import { cellId, compareKeys, fixedKeys, isKeyOf, TOTAL_KEY, totalQuantity } from './table-layout.js';
import type { RawCell, RawCount, RawTable } from './tabulate.js';

export interface ProtectOptions {
  /** The threshold: a number with 1 to k − 1 contributors is not published. At least MIN_K. */
  k: number;
  /** Ids (`<table>/<key>`, `<table>/total`) suppressed in earlier versions of the period. */
  previouslySuppressed: Iterable<string>;
}

export const MIN_K = 3;
const DEFAULTS: ProtectOptions = { k: 5, previouslySuppressed: [] };

export interface ProtectedTables {
  tables: ReleaseTable[];
  /** Every suppressed id, carried ones included, in table order (a table's cells, then its total). */
  suppressed: string[];
  counts: DisclosureCounts;
  k: number;
  p: number;
}

/**
 * Disclosure control of one period's tables (tabulate's), with p = k.
 *
 * - Primary: a cell or total with 1 to k − 1 contributors is suppressed. Zero is published as 0.
 * - Carried: an id suppressed in an earlier version of the period stays suppressed (versions
 *   differ by a few notices: publishing it now would all but publish it then).
 * - Secondary, in a table whose total is published: S is its suppressed cells and R their sum,
 *   which anyone computes as the total less the published cells. Published nonzero cells join S,
 *   smallest first (ties by key), until |S| ≥ 2 and R − w(S) ≥ p, where w(S) sums the cells'
 *   weights: 1, but for a cell of `persons.role`, the number of nonzero cells of the larger of its
 *   role's two tables (at least 1).
 * - Whole tables: where no cell is left to add, or the total is suppressed (for its own
 *   contributors or carried), the total and every nonzero cell are (every cell, if none is
 *   nonzero: a total carried at 0 is otherwise the sum of published zeros). A total is
 *   suppressed wherever it is published: N, M and D in the tables by type and by mode, a role's
 *   cell of `persons.role` as the total of its two tables. All of this runs to a fixpoint.
 *
 * What this guarantees, for every suppressed cell x of a table whose total is published:
 * - to someone who knows only that numbers are 0 or more, x may be anything in [0, R] (another
 *   cell of S takes the rest), an interval R ≥ p + 2 wide;
 * - to someone who also knows that a suppressed cell is not 0 (zeros are published), x lies in
 *   [w(x), R − (w(S) − w(x))], an interval R − w(S) ≥ p wide. With weights of 1 this is the
 *   rule R − |S| ≥ p; a cell of `persons.role` weighs more because its role's tables are then
 *   suppressed whole, and their nonzero cells, each at least 1, sum to it.
 * A cell of a table suppressed whole is bounded above only through its total, which is
 * unbounded (N, M, D, a route total, P) or a parent cell of S (a role's tables): the same widths
 * hold for it. These bounds hold over all tables of a release together, since the additive
 * relations above are the only ones among them, and over all releases, since periods and
 * versions share none. Not guaranteed: against someone who knows some of the notices counted (a
 * contributor can subtract their own); nor against differencing two versions of a period, whose
 * published cells that changed describe the notices withdrawn or updated in between.
 */
export function protectTables(raw: readonly RawTable[], options: Partial<ProtectOptions> = {}): ProtectedTables {
  const { k, previouslySuppressed } = { ...DEFAULTS, ...options };
  if (!Number.isSafeInteger(k) || k < MIN_K) {
    throw new AccordError('E_CONFIG', `k is ${k}: the threshold must be a whole number of at least ${MIN_K}`);
  }
  const p = k;
  const carried = new Set(previouslySuppressed);
  const tables = withCarriedKeys(raw, carried);
  const suppressed = new Set(carried);
  const primary = new Set<string>();
  for (const table of tables) {
    for (const [id, count] of numbersOf(table)) {
      if (count.contributors > 0 && count.contributors < k) primary.add(id);
    }
  }
  for (const id of primary) suppressed.add(id);
  const links = linkedTotals(tables);
  const weights = cellWeights(tables);
  let changed = true;
  while (changed) {
    changed = false;
    for (const ids of links) {
      if (!ids.some((id) => suppressed.has(id))) continue;
      for (const id of ids) changed = addNew(suppressed, id) || changed;
    }
    for (const table of tables) changed = protectTable(table, suppressed, weights, p) || changed;
  }
  const ids = tables.flatMap((table) => numbersOf(table).map(([id]) => id));
  const hidden = ids.filter((id) => suppressed.has(id));
  return {
    tables: tables.map((table) => published(table, suppressed)),
    suppressed: hidden,
    counts: { cells: ids.length, suppressed: hidden.length, primary: primary.size, secondary: hidden.length - primary.size },
    k,
    p,
  };
}

/** One table's step; true when it suppressed something. */
function protectTable(table: RawTable, suppressed: Set<string>, weights: ReadonlyMap<string, number>, p: number): boolean {
  const idOf = (cell: RawCell): string => cellId(table.id, cell.key);
  let changed = false;
  const suppress = (id: string): void => {
    changed = addNew(suppressed, id) || changed;
  };
  if (suppressed.has(cellId(table.id, TOTAL_KEY))) {
    for (const cell of table.cells) if (cell.value > 0) suppress(idOf(cell));
    if (!table.cells.some((cell) => suppressed.has(idOf(cell)))) for (const cell of table.cells) suppress(idOf(cell));
    return changed;
  }
  const hidden = table.cells.filter((cell) => suppressed.has(idOf(cell)));
  if (hidden.length === 0) return false;
  const candidates = table.cells
    .filter((cell) => cell.value > 0 && !suppressed.has(idOf(cell)))
    .sort((a, b) => a.value - b.value || compareKeys(a.key, b.key));
  const weightOf = (cell: RawCell): number => weights.get(idOf(cell)) ?? 1;
  const protects = (): boolean => hidden.length >= 2 && sum(hidden, (c) => c.value) - sum(hidden, weightOf) >= p;
  while (!protects()) {
    const next = candidates.shift();
    if (!next) {
      suppress(cellId(table.id, TOTAL_KEY));
      return changed;
    }
    hidden.push(next);
    suppress(idOf(next));
  }
  return changed;
}

/** The tables with a cell (value 0) for each carried key not in them; E_STATE for an id that names no cell. */
function withCarriedKeys(raw: readonly RawTable[], carried: ReadonlySet<string>): RawTable[] {
  const tables = raw.map((table) => ({ ...table, cells: [...table.cells] }));
  for (const id of carried) {
    const slash = id.indexOf('/');
    const table = tables.find((t) => t.id === id.slice(0, slash));
    const key = id.slice(slash + 1);
    if (slash < 0 || !table || (key !== TOTAL_KEY && !isKeyOf(table.dimension, key))) {
      throw new AccordError('E_STATE', `previously suppressed "${id}" names no cell of a release`);
    }
    if (key === TOTAL_KEY || table.cells.some((cell) => cell.key === key)) continue;
    table.cells.push({ key, value: 0, contributors: 0 });
    if (!fixedKeys(table.dimension)) table.cells.sort((a, b) => compareKeys(a.key, b.key));
  }
  return tables;
}

function numbersOf(table: RawTable): [string, RawCount][] {
  return [...table.cells.map((cell): [string, RawCount] => [cellId(table.id, cell.key), cell]), [cellId(table.id, TOTAL_KEY), table.total]];
}

/** Ids that are one published number: a shared total and each table's copy of it. */
function linkedTotals(tables: readonly RawTable[]): string[][] {
  const byQuantity = new Map<string, Set<string>>();
  for (const table of tables) {
    const quantity = totalQuantity(table);
    const ids = byQuantity.get(quantity) ?? new Set([quantity]);
    byQuantity.set(quantity, ids.add(cellId(table.id, TOTAL_KEY)));
  }
  return [...byQuantity.values()].filter((ids) => ids.size > 1).map((ids) => [...ids]);
}

/** A parent cell's weight: the most nonzero cells of a table it is the total of (those tables' cells are then suppressed, each ≥ 1). */
function cellWeights(tables: readonly RawTable[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const table of tables) {
    if (table.role === undefined) continue;
    const parent = totalQuantity(table);
    const nonzero = table.cells.filter((cell) => cell.value > 0).length;
    weights.set(parent, Math.max(weights.get(parent) ?? 1, nonzero));
  }
  return weights;
}

function published(table: RawTable, suppressed: ReadonlySet<string>): ReleaseTable {
  const valueOf = (id: string, count: RawCount) =>
    suppressed.has(id) ? { value: null, suppressed: true } : { value: count.value, suppressed: false };
  return {
    id: table.id,
    measure: table.measure,
    dimension: table.dimension,
    ...(table.role === undefined ? {} : { role: table.role }),
    cells: table.cells.map((cell) => ({ key: cell.key, ...valueOf(cellId(table.id, cell.key), cell) })),
    total: valueOf(cellId(table.id, TOTAL_KEY), table.total),
  };
}

function addNew(set: Set<string>, id: string): boolean {
  if (set.has(id)) return false;
  set.add(id);
  return true;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}
