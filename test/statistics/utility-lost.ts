import { MEASURES, type Measure, type RawTable, type Release } from '../../libs/statistics/index.js';

/** What disclosure control costs over a set of releases, from what they publish. */
export interface UtilityLost {
  releases: number;
  /** Cells and totals listed. */
  cells: number;
  suppressed: number;
  primary: number;
  secondary: number;
  /** suppressed / cells. */
  shareSuppressed: number;
  /** suppressed / (cells − published zeros). */
  shareOfNonzero: number;
  /** shareSuppressed of each measure's tables. */
  byMeasure: Record<Measure, number>;
  /** Cells the releases do not list: those of route and nationality tables suppressed whole. */
  unlisted: number;
  /** Of the numbers that are not 0, the share not published (suppressed, or not listed). */
  shareOfNonzeroWithheld: number;
}

/** `raw`: each release's tables before disclosure control, in the same order. */
export function utilityLost(releases: readonly Release[], raw: readonly (readonly RawTable[])[]): UtilityLost {
  const sum = (key: 'cells' | 'suppressed' | 'primary' | 'secondary'): number => releases.reduce((s, r) => s + r.disclosure[key], 0);
  const numbers = releases.flatMap((r) => r.tables.flatMap((t) => [...t.cells, t.total].map((v) => ({ measure: t.measure, ...v }))));
  const zeros = numbers.filter((v) => v.value === 0).length;
  const share = (of: typeof numbers): number => of.filter((v) => v.suppressed).length / of.length;
  const exact = raw.flatMap((tables) => tables.flatMap((t) => [...t.cells, t.total]));
  const nonzero = exact.filter((c) => c.value > 0).length;
  const shown = numbers.filter((v) => v.value !== null && v.value > 0).length;
  return {
    releases: releases.length,
    cells: sum('cells'),
    suppressed: sum('suppressed'),
    primary: sum('primary'),
    secondary: sum('secondary'),
    shareSuppressed: sum('suppressed') / sum('cells'),
    shareOfNonzero: sum('suppressed') / (sum('cells') - zeros),
    byMeasure: Object.fromEntries(MEASURES.map((m) => [m, share(numbers.filter((v) => v.measure === m))])) as Record<Measure, number>,
    unlisted: releases.reduce(
      (s, r, i) => s + r.tables.reduce((n, t, j) => n + (t.total.suppressed && t.cells.length === 0 ? raw[i]![j]!.cells.length : 0), 0),
      0,
    ),
    shareOfNonzeroWithheld: (nonzero - shown) / nonzero,
  };
}
