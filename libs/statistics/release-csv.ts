import type { ReleaseRow } from './release-rows.js';

const COLUMNS = ['period', 'version', 'table', 'measure', 'dimension', 'role', 'key', 'value', 'suppressed'] as const;

/** A field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, a quote or a line break. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Rows as CSV (RFC 4180 fields, quoted where needed): a header line, and LF after every line
 * rather than RFC 4180's CRLF, since the CLI writes no carriage return to a terminal and every
 * CSV reader takes LF. A suppressed value is an empty field (never 0), with `suppressed` true;
 * a row without a role has an empty role.
 */
export function releasesToCsv(rows: readonly ReleaseRow[]): string {
  const line = (fields: readonly string[]): string => `${fields.map(field).join(',')}\n`;
  const values = (row: ReleaseRow): string[] =>
    COLUMNS.map((column) => {
      const value = row[column];
      return value === null ? '' : String(value);
    });
  return line(COLUMNS) + rows.map((row) => line(values(row))).join('');
}
