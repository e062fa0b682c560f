import { AUDIT_KINDS, type AuditKindName } from '../audit/index.js';
import { isAgencyId } from '../registry/index.js';
import type { RecordsQuery, RecordsQueryField } from './audit-console-models.js';

/** A page of the records list: bounded, so a page costs the same however long the chain. */
export const RECORDS_PAGE_SIZE = 50;
/** Pages beyond this are refused: a deep page is reached by narrowing the filters. */
export const MAX_RECORDS_PAGE = 100_000;

const NOTICE_ID_TEXT = /^[A-Za-z0-9-]{1,64}$/;

/** What a notice id in a filter or a path may be (a UUID is one): anything else names no notice. */
export function isNoticeIdText(value: string): boolean {
  return NOTICE_ID_TEXT.test(value);
}
/** RFC 3339, with a zone: "2026-11-29T08:00:00Z", "2026-11-29T09:00:00.5+01:00". */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export interface ParsedRecordsQuery {
  query: RecordsQuery;
  typed: Partial<Record<RecordsQueryField, string>>;
  invalid: RecordsQueryField[];
}

function isKind(value: string): value is AuditKindName {
  return (AUDIT_KINDS as readonly string[]).includes(value);
}

function timeOf(value: string): Date | undefined {
  if (!TIME.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The records page's filters from its query string: an empty field is no filter; a value
 * that is not valid is reported by field (and filters nothing), never guessed at.
 */
export function parseRecordsQuery(raw: Record<string, unknown>): ParsedRecordsQuery {
  const typed: Partial<Record<RecordsQueryField, string>> = {};
  const invalid: RecordsQueryField[] = [];
  const query: RecordsQuery = { page: 1 };
  const value = (field: RecordsQueryField): string | undefined => {
    const v = raw[field];
    const one = Array.isArray(v) ? undefined : v;
    if (typeof one !== 'string') {
      if (v !== undefined) invalid.push(field);
      return undefined;
    }
    const trimmed = one.trim().slice(0, 200);
    if (trimmed === '') return undefined;
    typed[field] = trimmed;
    return trimmed;
  };
  const notice = value('notice');
  if (notice !== undefined) {
    if (isNoticeIdText(notice)) query.notice = notice;
    else invalid.push('notice');
  }
  const agency = value('agency');
  if (agency !== undefined) {
    if (isAgencyId(agency)) query.agency = agency;
    else invalid.push('agency');
  }
  const kind = value('kind');
  if (kind !== undefined) {
    if (isKind(kind)) query.kind = kind;
    else invalid.push('kind');
  }
  for (const field of ['since', 'until'] as const) {
    const text = value(field);
    if (text === undefined) continue;
    const date = timeOf(text);
    if (date) query[field] = date;
    else invalid.push(field);
  }
  const page = value('page');
  if (page !== undefined) {
    const n = /^\d{1,6}$/.test(page) ? Number(page) : 0;
    if (n >= 1 && n <= MAX_RECORDS_PAGE) query.page = n;
    else invalid.push('page');
  }
  return { query, typed, invalid };
}
