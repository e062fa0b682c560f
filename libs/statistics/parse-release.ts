import { AccordError } from '../errors/index.js';
import { MIN_K } from './protect-tables.js';
import {
  DISCLOSURE_METHOD,
  RELEASE_FORMAT,
  RELEASE_UNIT,
  type Coverage,
  type Disclosure,
  type Release,
  type ReleaseCell,
  type ReleaseTable,
  type ReleaseValue,
} from './release.js';
import { parseInstant, periodProblem } from './release-times.js';
import {
  cellId,
  compareKeys,
  fixedKeys,
  isKeyOf,
  listsKeysPresent,
  TABLE_SHAPES,
  TOTAL_KEY,
  totalQuantity,
  type TableShape,
} from './table-layout.js';

type Fields = Record<string, unknown>;

function refuse(path: string, what: string): never {
  throw new AccordError('E_STATE', `release ${path}: ${what}`, { path });
}

function fields(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) refuse(path || 'text', 'not an object');
  const at = (key: string): string => (path === '' ? key : `${path}.${key}`);
  for (const key of Object.keys(value)) if (!required.includes(key) && !optional.includes(key)) refuse(at(key), 'not a field of format 1');
  for (const key of required) if (!(key in value)) refuse(at(key), 'missing');
  return value as Fields;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') refuse(path, 'not a non-empty string');
  return value;
}

function whole(value: unknown, path: string, least = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < least) refuse(path, `not a whole number of at least ${least}`);
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) refuse(path, 'not an array');
  return value;
}

function instant(value: unknown, path: string): string {
  const t = text(value, path);
  if (!parseInstant(t)) refuse(path, 'not an RFC 3339 time in UTC (YYYY-MM-DDTHH:MM:SS[.mmm]Z)');
  return t;
}

function exactly<T>(value: unknown, expected: T, path: string): T {
  if (value !== expected) refuse(path, `expected ${JSON.stringify(expected)}`);
  return expected;
}

/**
 * A release read back (from the bucket, or from a file a researcher was given), checked field by
 * field: E_STATE naming the first field that is not as format 1 writes it. Beyond shapes, it
 * checks the tables are format 1's, in order, with their keys in order; the disclosure counts
 * against the tables; the additive relations wherever every number in one is published; and that
 * a table whose total is suppressed publishes none of its cells (lists none, if it lists the keys
 * present).
 */
export function parseRelease(json: unknown): Release {
  const r = fields(json, '', [
    'format',
    'period',
    'periodStart',
    'periodEnd',
    'version',
    'releasedAt',
    'unit',
    'note',
    'coverage',
    'disclosure',
    'tables',
  ]);
  const format = exactly(r.format, RELEASE_FORMAT, 'format');
  const period = text(r.period, 'period');
  const periodStart = instant(r.periodStart, 'periodStart');
  const periodEnd = instant(r.periodEnd, 'periodEnd');
  const problem = periodProblem(period, new Date(periodStart), new Date(periodEnd));
  if (problem) refuse('period', problem);
  const version = whole(r.version, 'version', 1);
  const releasedAt = instant(r.releasedAt, 'releasedAt');
  const unit = exactly(r.unit, RELEASE_UNIT, 'unit');
  const note = text(r.note, 'note');
  const coverage = list(r.coverage, 'coverage').map(readCoverage);
  coverage.forEach((c, i) => {
    const before = coverage[i - 1];
    if (before && compareKeys(before.issuer, c.issuer) >= 0)
      refuse(`coverage[${i}].issuer`, 'not after the one before (sorted, each once)');
  });
  const disclosure = readDisclosure(r.disclosure);
  const tables = readTables(r.tables);
  checkCounts(disclosure, tables);
  checkRelations(tables);
  checkWholeTables(tables);
  return { format, period, periodStart, periodEnd, version, releasedAt, unit, note, coverage, disclosure, tables };
}

function readCoverage(value: unknown, i: number): Coverage {
  const path = `coverage[${i}]`;
  const c = fields(value, path, ['issuer', 'countedTlp']);
  return {
    issuer: text(c.issuer, `${path}.issuer`),
    countedTlp: list(c.countedTlp, `${path}.countedTlp`).map((t, j) => text(t, `${path}.countedTlp[${j}]`)),
  };
}

function readDisclosure(value: unknown): Disclosure {
  const d = fields(value, 'disclosure', ['method', 'k', 'p', 'cells', 'suppressed', 'primary', 'secondary']);
  const method = exactly(d.method, DISCLOSURE_METHOD, 'disclosure.method');
  const k = whole(d.k, 'disclosure.k', MIN_K);
  const p = exactly(d.p, k, 'disclosure.p');
  const [cells, suppressed, primary, secondary] = (['cells', 'suppressed', 'primary', 'secondary'] as const).map((key) =>
    whole(d[key], `disclosure.${key}`),
  ) as [number, number, number, number];
  if (primary + secondary !== suppressed) refuse('disclosure.suppressed', 'not primary + secondary');
  return { method, k, p, cells, suppressed, primary, secondary };
}

function readTables(value: unknown): ReleaseTable[] {
  const tables = list(value, 'tables');
  if (tables.length !== TABLE_SHAPES.length) refuse('tables', `${tables.length} tables, not format 1's ${TABLE_SHAPES.length}`);
  return TABLE_SHAPES.map((shape, i) => readTable(tables[i], shape, `tables[${i}]`));
}

function readTable(value: unknown, shape: TableShape, path: string): ReleaseTable {
  // The id first: a table out of place is better named so than by the first field it lacks.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) exactly((value as Fields).id, shape.id, `${path}.id`);
  const required = ['id', 'measure', 'dimension', 'cells', 'total'];
  const t = fields(value, path, shape.role === undefined ? required : [...required, 'role']);
  exactly(t.measure, shape.measure, `${path}.measure`);
  exactly(t.dimension, shape.dimension, `${path}.dimension`);
  if (shape.role !== undefined) exactly(t.role, shape.role, `${path}.role`);
  const cells = list(t.cells, `${path}.cells`).map((c, j): ReleaseCell => {
    const at = `${path}.cells[${j}]`;
    const cell = fields(c, at, ['key', 'value', 'suppressed']);
    const key = text(cell.key, `${at}.key`);
    if (!isKeyOf(shape.dimension, key)) refuse(`${at}.key`, `not a key of ${shape.dimension}`);
    return { key, ...readValue(cell, at) };
  });
  const fixed = fixedKeys(shape.dimension);
  if (fixed && (cells.length !== fixed.length || cells.some((c, j) => c.key !== fixed[j]))) {
    refuse(`${path}.cells`, `keys are not ${fixed.join(', ')}, in that order`);
  }
  cells.forEach((c, j) => {
    const before = cells[j - 1];
    if (!fixed && before && compareKeys(before.key, c.key) >= 0)
      refuse(`${path}.cells[${j}].key`, 'not after the one before (sorted, each once)');
  });
  const total = readValue(fields(t.total, `${path}.total`, ['value', 'suppressed']), `${path}.total`);
  return {
    id: shape.id,
    measure: shape.measure,
    dimension: shape.dimension,
    ...(shape.role === undefined ? {} : { role: shape.role }),
    cells,
    total,
  };
}

function readValue(v: Fields, path: string): ReleaseValue {
  if (typeof v.suppressed !== 'boolean') refuse(`${path}.suppressed`, 'not true or false');
  if (v.suppressed) return { value: exactly(v.value, null, `${path}.value`), suppressed: true };
  return { value: whole(v.value, `${path}.value`), suppressed: false };
}

function checkCounts(disclosure: Disclosure, tables: readonly ReleaseTable[]): void {
  const values = tables.flatMap((t) => [...t.cells, t.total]);
  if (disclosure.cells !== values.length) refuse('disclosure.cells', `the tables have ${values.length}`);
  const suppressed = values.filter((v) => v.suppressed).length;
  if (disclosure.suppressed !== suppressed) refuse('disclosure.suppressed', `the tables have ${suppressed} suppressed`);
}

/** A table sums to its total; a shared total, or a role's cell, is the same number (suppressed or not) wherever it is published. */
function checkRelations(tables: readonly ReleaseTable[]): void {
  const byId = new Map<string, { value: ReleaseValue; path: string }>();
  tables.forEach((t, i) => {
    t.cells.forEach((c, j) => byId.set(cellId(t.id, c.key), { value: c, path: `tables[${i}].cells[${j}]` }));
    byId.set(cellId(t.id, TOTAL_KEY), { value: t.total, path: `tables[${i}].total` });
  });
  tables.forEach((t, i) => {
    const path = `tables[${i}].total`;
    if (t.total.value !== null && t.cells.every((c) => c.value !== null)) {
      const sum = t.cells.reduce((s, c) => s + (c.value ?? 0), 0);
      if (sum !== t.total.value) refuse(`${path}.value`, `the cells of ${t.id} sum to ${sum}`);
    }
    const quantity = totalQuantity(t);
    const same = byId.get(quantity);
    if (quantity === cellId(t.id, TOTAL_KEY) || !same) return;
    if (same.value.suppressed !== t.total.suppressed || same.value.value !== t.total.value) {
      refuse(`${path}`, `not the same as ${quantity} (${same.path})`);
    }
  });
}

/** A table whose total is suppressed is suppressed whole: every cell, and a table of the keys present lists none. */
function checkWholeTables(tables: readonly ReleaseTable[]): void {
  tables.forEach((t, i) => {
    if (!t.total.suppressed) return;
    if (listsKeysPresent(t) && t.cells.length > 0) refuse(`tables[${i}].cells`, `listed, though the total of ${t.id} is suppressed`);
    const shown = t.cells.findIndex((c) => !c.suppressed);
    if (shown >= 0) refuse(`tables[${i}].cells[${shown}].value`, `published, though the total of ${t.id} is suppressed`);
  });
}
