import { MEASURES, type Measure, type Release } from '../../libs/statistics/index.js';

/** What disclosure control costs over a set of releases, from what they publish. */
export interface UtilityLost {
  releases: number;
  /** Cells and totals. */
  cells: number;
  suppressed: number;
  primary: number;
  secondary: number;
  /** suppressed / cells. */
  shareSuppressed: number;
  /** suppressed / (cells − published zeros): zeros are never suppressed for their own sake. */
  shareOfNonzero: number;
  /** shareSuppressed of each measure's tables. */
  byMeasure: Record<Measure, number>;
}

export function utilityLost(releases: readonly Release[]): UtilityLost {
  const sum = (key: 'cells' | 'suppressed' | 'primary' | 'secondary'): number => releases.reduce((s, r) => s + r.disclosure[key], 0);
  const numbers = releases.flatMap((r) => r.tables.flatMap((t) => [...t.cells, t.total].map((v) => ({ measure: t.measure, ...v }))));
  const zeros = numbers.filter((v) => v.value === 0).length;
  const share = (of: typeof numbers): number => of.filter((v) => v.suppressed).length / of.length;
  return {
    releases: releases.length,
    cells: sum('cells'),
    suppressed: sum('suppressed'),
    primary: sum('primary'),
    secondary: sum('secondary'),
    shareSuppressed: sum('suppressed') / sum('cells'),
    shareOfNonzero: sum('suppressed') / (sum('cells') - zeros),
    byMeasure: Object.fromEntries(MEASURES.map((m) => [m, share(numbers.filter((v) => v.measure === m))])) as Record<Measure, number>,
  };
}
