import {
  buildRelease,
  tabulate,
  type BuiltRelease,
  type ReleaseInput,
  type AgeStatus,
  type CountedNotice,
  type CountedPerson,
  type PersonRoleName,
  type RawTable,
  type ReleaseTable,
} from '../../libs/statistics/index.js';
import { countedNotice } from '../harness/counted-notices.js';

/** A counted notice: one migrant-free ALERT by sea from LY to IT, unless told otherwise. */
export const notice = countedNotice;

export function times(count: number, overrides: Partial<CountedNotice> = {}): CountedNotice[] {
  return Array.from({ length: count }, () => notice(overrides));
}

export function person(role: PersonRoleName, nationality: string, age: AgeStatus = 'adult'): CountedPerson {
  return { role, nationality, age };
}

export function tableOf<T extends RawTable | ReleaseTable>(tables: readonly T[], id: string): T {
  const table = tables.find((t) => t.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return table;
}

export function cellOf<T extends RawTable | ReleaseTable>(tables: readonly T[], id: string, key: string): T['cells'][number] {
  const cell = tableOf(tables, id).cells.find((c) => c.key === key);
  if (!cell) throw new Error(`no cell ${id}/${key}`);
  return cell;
}

/** [value, contributors] */
export type Count = readonly [number, number];

/** A count of notices or persons: its value is its contributors. */
export const n = (count: number): Count => [count, count];

/**
 * Raw tables with these cells and every other number 0; a total is the sum of its cells (of
 * their contributors too) unless given. Where a measure's route tables are given and its tables
 * by type and by mode are not, those have one cell (ALERT, SEA) of the largest route total, as
 * if every notice named one country per leg: a route cell is never more than N, M or D. For
 * protectTables alone: nothing else checks they could come from notices.
 */
export function rawTables(spec: Record<string, { cells?: Record<string, Count>; total?: Count }>): RawTable[] {
  const tables = tabulate([]).map((table) => {
    const s = spec[table.id];
    if (!s) return table;
    const given = s.cells ?? {};
    const keys = table.cells.length > 0 ? table.cells.map((c) => c.key) : Object.keys(given).sort();
    const cells = keys.map((key) => ({ key, value: given[key]?.[0] ?? 0, contributors: given[key]?.[1] ?? 0 }));
    const [value, contributors] = s.total ?? [cells.reduce((t, c) => t + c.value, 0), cells.reduce((t, c) => t + c.contributors, 0)];
    return { ...table, cells, total: { value, contributors } };
  });
  return tables.map((table) => {
    if (spec[table.id] || (table.dimension !== 'type' && table.dimension !== 'mode')) return table;
    const legs = tables.filter(
      (t) => t.measure === table.measure && spec[t.id] && ['origin', 'transit', 'destination'].includes(t.dimension),
    );
    if (legs.length === 0) return table;
    const most = legs.reduce((m, t) => (t.total.value > m.value ? t.total : m), legs[0]!.total);
    const key = table.dimension === 'type' ? 'ALERT' : 'SEA';
    return { ...table, cells: table.cells.map((c) => (c.key === key ? { key, ...most } : c)), total: { ...most } };
  });
}

/** The ids suppressed in one table, cells and total. */
export function hiddenIn(suppressed: readonly string[], table: string): string[] {
  return suppressed.filter((id) => id.startsWith(`${table}/`)).map((id) => id.slice(table.length + 1));
}

export const MARCH = { period: '2025-03', start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-04-01T00:00:00Z') };

/** A version of March 2025's release of these notices, covering it-police and gr-coastguard. */
export function releaseOf(notices: readonly CountedNotice[], overrides: Partial<ReleaseInput> = {}): BuiltRelease {
  return buildRelease({
    ...MARCH,
    version: 1,
    releasedAt: new Date('2025-04-03T06:00:00.250Z'),
    coverage: [
      { issuer: 'it-police', countedTlp: ['CLEAR', 'GREEN'] },
      { issuer: 'gr-coastguard', countedTlp: ['CLEAR'] },
    ],
    notices,
    ...overrides,
  });
}

/** Twenty notices, a few of them rare enough to be suppressed. */
export function someNotices(): CountedNotice[] {
  return [
    ...times(12, { migrantCount: 30, persons: [person('SMUGGLED_MIGRANT', 'SY'), person('SMUGGLER_SUSPECT', 'LY')] }),
    ...times(6, { type: 'INTELLIGENCE_REPORT', mode: 'LAND', route: { origin: ['TR'], transit: ['GR'], destination: ['DE'] } }),
    ...times(2, {
      type: 'CASE_UPDATE',
      issuer: 'gr-coastguard',
      route: { origin: ['EG'], transit: [], destination: ['GR'] },
      deathsReported: 2,
    }),
  ];
}
