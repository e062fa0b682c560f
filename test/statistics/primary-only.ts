import type { RawTable, ReleaseTable } from '../../libs/statistics/index.js';

/**
 * The control for the attack: threshold suppression alone (a number with 1 to k − 1
 * contributors), no secondary suppression. Deliberately not in the library.
 */
export function primaryOnly(raw: readonly RawTable[], k: number): ReleaseTable[] {
  const shown = (c: RawTable['total']) =>
    c.contributors > 0 && c.contributors < k ? { value: null, suppressed: true } : { value: c.value, suppressed: false };
  return raw.map((t) => ({
    id: t.id,
    measure: t.measure,
    dimension: t.dimension,
    ...(t.role === undefined ? {} : { role: t.role }),
    cells: t.cells.map((c) => ({ key: c.key, ...shown(c) })),
    total: shown(t.total),
  }));
}
