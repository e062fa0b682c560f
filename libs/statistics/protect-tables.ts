import { AccordError } from '../errors/index.js';
import type { DisclosureCounts, ReleaseTable } from './release.js';
import { cellBound, cellId, compareKeys, fixedKeys, isKeyOf, listsKeysPresent, TOTAL_KEY, totalQuantity } from './table-layout.js';
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
  /**
   * Every suppressed id, carried ones included, in table order (a table's cells, then its total):
   * the next version's `previouslySuppressed`. It names the cells of a table suppressed whole that
   * the release does not list; it is the service's state, never published.
   */
  suppressed: string[];
  counts: DisclosureCounts;
  k: number;
  p: number;
}

/**
 * Disclosure control of one period's tables (tabulate's), with p = k. Contributors are notices,
 * in every table (persons tables too).
 *
 * - Primary: a cell or total with 1 to k − 1 contributors is suppressed. Zero is published as 0,
 *   but for a period of 1 to k − 1 notices (N itself primary), where every number is suppressed:
 *   there, that no notice reports a death is a fact about each of them.
 * - Carried: an id suppressed in an earlier version of the period stays suppressed (versions
 *   differ by a few notices: publishing it now would all but publish it then).
 * - Secondary, in a table whose total is published: S is its suppressed cells and R their sum,
 *   which anyone computes as the total less the published cells. Published nonzero cells join S,
 *   smallest first (ties by key), until |S| ≥ 2 and every cell x of S has a feasible interval at
 *   least p wide (intervalsIn): each other cell y of S is at least w(y) and at most its bound u(y)
 *   (cellBound: N, M or D for a route cell), so x lies in
 *   [max(w(x), R − Σ u(y)), min(u(x), R − Σ w(y))]. w is 1, but for a cell of `persons.role`, the
 *   number of nonzero cells of the larger of its role's two tables (at least 1). With no bound
 *   below R this is the rule R − w(S) ≥ p.
 * - Whole tables: where no cell is left to add, or the total is suppressed (for its own
 *   contributors or carried), the total and every cell are, zeros included, and a table that
 *   lists the keys present (countries, nationalities) lists none: which keys occur is itself
 *   what the suppression hides. A total is suppressed wherever it is published: N, M and D in
 *   the tables by type and by mode, a role's cell of `persons.role` as the total of its two
 *   tables. All of this runs to a fixpoint.
 *
 * What this guarantees, for every suppressed cell x of a table whose total is published, to
 * someone who knows the published numbers and relations (tables sum to their totals, shared
 * totals, cellBound), that numbers are 0 or more and even which suppressed cells are not 0: x
 * may be anything in an interval at least p wide. Of a table suppressed whole, a route or
 * nationality table lists no cell, and its total is bounded by nothing published; so is N, M or
 * D, where the tables by type and by mode are suppressed whole; a role's age cells are bounded
 * by its parent cell, itself a cell of S. test/statistics/lp-attack.test.ts checks all this by
 * linear programming over every table of every release, and across the versions of a period;
 * docs/statistics.md (section 4) says what it does not cover.
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
  if (primary.has(NOTICES_TOTAL)) for (const table of tables) suppressed.add(cellId(table.id, TOTAL_KEY));
  const links = linkedTotals(tables);
  const weights = cellWeights(tables);
  const bounds = cellBounds(tables);
  let changed = true;
  while (changed) {
    changed = false;
    for (const ids of links) {
      if (!ids.some((id) => suppressed.has(id))) continue;
      for (const id of ids) changed = addNew(suppressed, id) || changed;
    }
    for (const table of tables) changed = protectTable(table, suppressed, { weights, bounds, p }) || changed;
  }
  const releaseTables = tables.map((table) => published(table, suppressed));
  const listed = releaseTables.flatMap((table) => [...table.cells.map((cell) => cellId(table.id, cell.key)), cellId(table.id, TOTAL_KEY)]);
  const hidden = listed.filter((id) => suppressed.has(id));
  const primaryListed = hidden.filter((id) => primary.has(id)).length;
  return {
    tables: releaseTables,
    suppressed: tables.flatMap((table) => numbersOf(table).map(([id]) => id)).filter((id) => suppressed.has(id)),
    counts: { cells: listed.length, suppressed: hidden.length, primary: primaryListed, secondary: hidden.length - primaryListed },
    k,
    p,
  };
}

const NOTICES_TOTAL = cellId('notices.type', TOTAL_KEY);

interface Protection {
  weights: ReadonlyMap<string, number>;
  /** Each cell's bound besides its total (cellBound's number, at its true value). */
  bounds: ReadonlyMap<string, number>;
  p: number;
}

/** One table's step; true when it suppressed something. */
function protectTable(table: RawTable, suppressed: Set<string>, protection: Protection): boolean {
  const idOf = (cell: RawCell): string => cellId(table.id, cell.key);
  let changed = false;
  const suppress = (id: string): void => {
    changed = addNew(suppressed, id) || changed;
  };
  if (suppressed.has(cellId(table.id, TOTAL_KEY))) {
    for (const cell of table.cells) suppress(idOf(cell));
    return changed;
  }
  const hidden = table.cells.filter((cell) => suppressed.has(idOf(cell)));
  if (hidden.length === 0) return false;
  const candidates = table.cells
    .filter((cell) => cell.value > 0 && !suppressed.has(idOf(cell)))
    .sort((a, b) => a.value - b.value || compareKeys(a.key, b.key));
  const boxes = (): Box[] =>
    hidden.map((cell) => ({
      value: cell.value,
      least: protection.weights.get(idOf(cell)) ?? 1,
      most: protection.bounds.get(idOf(cell)) ?? Number.POSITIVE_INFINITY,
    }));
  const protects = (): boolean => hidden.length >= 2 && intervalsIn(boxes()).every((width) => width >= protection.p);
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

/** A suppressed cell as an attacker sees it: at least `least`, at most `most`; `value` is only summed into R. */
interface Box {
  value: number;
  least: number;
  most: number;
}

/**
 * The width of each cell's feasible interval, when cells that sum to R (anyone's total less the
 * published cells) each lie in their box: x in
 * [max(least(x), R − Σ most(y)), min(most(x), R − Σ least(y))], over the others y. With every
 * least 0 it is only wider: these are the widths to the attacker who knows which suppressed cells
 * are not 0.
 */
function intervalsIn(cells: readonly Box[]): number[] {
  const r = sum(cells, (c) => c.value);
  const most = cells.map((c) => Math.min(c.most, r));
  const allMost = most.reduce((s, m) => s + m, 0);
  const allLeast = sum(cells, (c) => c.least);
  return cells.map((c, i) => {
    const high = Math.min(most[i]!, r - (allLeast - c.least));
    const low = Math.max(c.least, r - (allMost - most[i]!));
    return high - low;
  });
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

/** Each cell's bound besides its total (cellBound), at its true value: the attacker's, taken at its tightest. */
function cellBounds(tables: readonly RawTable[]): Map<string, number> {
  const values = new Map(tables.flatMap((table) => numbersOf(table).map(([id, count]) => [id, count.value] as const)));
  const bounds = new Map<string, number>();
  for (const table of tables) {
    const bound = cellBound(table);
    const value = bound === undefined ? undefined : values.get(bound);
    if (value === undefined) continue;
    for (const cell of table.cells) bounds.set(cellId(table.id, cell.key), value);
  }
  return bounds;
}

/** A table as released: a suppressed total suppresses every cell, and a table of the keys present then lists none. */
function published(table: RawTable, suppressed: ReadonlySet<string>): ReleaseTable {
  const valueOf = (id: string, count: RawCount) =>
    suppressed.has(id) ? { value: null, suppressed: true } : { value: count.value, suppressed: false };
  const whole = suppressed.has(cellId(table.id, TOTAL_KEY));
  const cells = whole && listsKeysPresent(table) ? [] : table.cells;
  return {
    id: table.id,
    measure: table.measure,
    dimension: table.dimension,
    ...(table.role === undefined ? {} : { role: table.role }),
    cells: cells.map((cell) => ({ key: cell.key, ...valueOf(cellId(table.id, cell.key), cell) })),
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
