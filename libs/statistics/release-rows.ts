import type { PersonRoleName } from './counted-notice.js';
import type { Release, ReleaseValue } from './release.js';
import { compareKeys, TOTAL_KEY, type Dimension, type Measure } from './table-layout.js';

/** One published number of one release, flat: a table's cell, or its total (key `total`). */
export interface ReleaseRow {
  period: string;
  version: number;
  table: string;
  measure: Measure;
  dimension: Dimension;
  /** The role of a table of one role's persons; null otherwise. */
  role: PersonRoleName | null;
  key: string;
  value: number | null;
  suppressed: boolean;
}

export interface RowOptions {
  /** Only the tables by these dimensions; every table when absent. */
  by: readonly Dimension[];
}

/** The rows of releases, by period then version, each release's tables in their order. */
export function releaseRows(releases: readonly Release[], options: Partial<RowOptions> = {}): ReleaseRow[] {
  const by = options.by;
  const ordered = [...releases].sort((a, b) => compareKeys(a.period, b.period) || a.version - b.version);
  return ordered.flatMap((release) =>
    release.tables
      .filter((table) => by === undefined || by.includes(table.dimension))
      .flatMap((table) => {
        const row = (key: string, v: ReleaseValue): ReleaseRow => ({
          period: release.period,
          version: release.version,
          table: table.id,
          measure: table.measure,
          dimension: table.dimension,
          role: table.role ?? null,
          key,
          value: v.value,
          suppressed: v.suppressed,
        });
        return [...table.cells.map((cell) => row(cell.key, cell)), row(TOTAL_KEY, table.total)];
      }),
  );
}
