import { AGE_STATUSES, LEGS, MODES, NOTICE_TYPES, PERSON_ROLES, UNKNOWN_NATIONALITY, type PersonRoleName } from './counted-notice.js';

/** The tables of a release and how their totals relate: the one place that says which tables exist. */
export const MEASURES = ['notices', 'migrants', 'deaths', 'persons'] as const;
export type Measure = (typeof MEASURES)[number];

export const DIMENSIONS = ['type', 'mode', 'origin', 'transit', 'destination', 'role', 'nationality', 'age'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}

/** What a table counts, and by what. */
export interface TableShape {
  /** `<measure>.<dimension>`, or `persons.<role>.<dimension>` for one role's persons. */
  id: string;
  measure: Measure;
  dimension: Dimension;
  /** Set on a table of one role's persons: its total is that role's cell of `persons.role`. */
  role?: PersonRoleName;
}

/** The key of a table's total in cell ids (`notices.type/total`) and in rows. */
export const TOTAL_KEY = 'total';

const NOTICE_MEASURES = ['notices', 'migrants', 'deaths'] as const;
const NOTICE_DIMENSIONS = ['type', 'mode', ...LEGS] as const;
const ROLE_DIMENSIONS = ['nationality', 'age'] as const;

/**
 * Every table of a release, in release order. There is deliberately no table of all roles'
 * nationalities or ages: it would be a sum of the role tables, a link that gives cells away.
 */
export const TABLE_SHAPES: readonly TableShape[] = [
  ...NOTICE_MEASURES.flatMap((measure) =>
    NOTICE_DIMENSIONS.map((dimension): TableShape => ({ id: `${measure}.${dimension}`, measure, dimension })),
  ),
  { id: 'persons.role', measure: 'persons', dimension: 'role' },
  ...PERSON_ROLES.flatMap((role) =>
    ROLE_DIMENSIONS.map((dimension): TableShape => ({ id: `persons.${role}.${dimension}`, measure: 'persons', dimension, role })),
  ),
];

export function cellId(table: string, key: string): string {
  return `${table}/${key}`;
}

/** The keys a dimension always lists, in order; undefined for one that lists the keys present (countries). */
export function fixedKeys(dimension: Dimension): readonly string[] | undefined {
  switch (dimension) {
    case 'type':
      return NOTICE_TYPES;
    case 'mode':
      return MODES;
    case 'role':
      return PERSON_ROLES;
    case 'age':
      return AGE_STATUSES;
    default:
      return undefined;
  }
}

/**
 * Ingest checked the countries against ISO 3166-1 before a notice was counted; here only
 * their shape is checked, which keeps a key apart from `total` and plain in JSON and CSV.
 */
const COUNTRY_SHAPE = /^[A-Z]{2}$/;

/** Whether `key` can be a cell of a table by `dimension` (never `total`). */
export function isKeyOf(dimension: Dimension, key: string): boolean {
  const fixed = fixedKeys(dimension);
  if (fixed) return fixed.includes(key);
  return COUNTRY_SHAPE.test(key) || (dimension === 'nationality' && key === UNKNOWN_NATIONALITY);
}

/** Keys in code-point order (never the locale's: a release is the same text everywhere). */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The published number a table's total is, named by a cell id: tables that name the same
 * one publish the same total. By type and by mode of one measure share theirs (notices N,
 * migrants M, deaths D); a role's tables have their parent cell of `persons.role`; a route
 * table's total is its own (the sum of its cells: mentions, not notices).
 */
export function totalQuantity(shape: TableShape): string {
  if (shape.role !== undefined) return cellId('persons.role', shape.role);
  if (shape.dimension === 'mode') return cellId(`${shape.measure}.type`, TOTAL_KEY);
  return cellId(shape.id, TOTAL_KEY);
}

/**
 * The number every cell of a table is at most, besides its own total, named by a cell id; none
 * for a table by type, mode or role. A notice names a country once per leg, so a route cell is at
 * most the measure's total by type (N, M, D: a route total is mentions, and may be more); a
 * role's cell of nationality or age is at most its parent cell (which is also its total).
 */
export function cellBound(shape: TableShape): string | undefined {
  if (shape.role !== undefined) return cellId('persons.role', shape.role);
  if ((LEGS as readonly string[]).includes(shape.dimension)) return cellId(`${shape.measure}.type`, TOTAL_KEY);
  return undefined;
}

/** Whether a table lists only the keys present (countries, nationalities): one suppressed whole then lists none. */
export function listsKeysPresent(shape: TableShape): boolean {
  return fixedKeys(shape.dimension) === undefined;
}
