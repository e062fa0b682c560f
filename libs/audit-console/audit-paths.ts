import type { RecordsQuery } from './audit-console-models.js';

/** Where `accord audit console` listens unless told: loopback, beside the node's 8470 (and the README's second node at 8471). */
export const DEFAULT_AUDIT_CONSOLE_LISTEN = '127.0.0.1:8480';

/**
 * Every URL the auditor console's pages link or post to: the routes are registered at
 * these paths. A value in a path is one encodeURIComponent'd segment; a query is built
 * by URLSearchParams, so no value can add a segment, a query or a scheme.
 */
export const AUDIT_PATHS = {
  overview: '/',
  verify: '/verify',
  verifyStatus: '/verify/status',
  records: '/records',
  charts: '/charts',
  bundle: '/bundle',
  lang: '/lang',
  css: '/assets/audit.css',
  js: '/assets/audit.js',
} as const;

export function trailPath(noticeId: string): string {
  return `/notices/${encodeURIComponent(noticeId)}`;
}

export function proofsPath(noticeId: string): string {
  return `/notices/${encodeURIComponent(noticeId)}/proofs.jsonl`;
}

/** The records page with these filters (times as ISO 8601 UTC), and its page when not the first. */
export function recordsPath(query: Partial<RecordsQuery> = {}): string {
  const search = new URLSearchParams();
  if (query.notice) search.set('notice', query.notice);
  if (query.agency) search.set('agency', query.agency);
  if (query.kind) search.set('kind', query.kind);
  if (query.since) search.set('since', query.since.toISOString());
  if (query.until) search.set('until', query.until.toISOString());
  if (query.page !== undefined && query.page > 1) search.set('page', String(query.page));
  const text = search.toString();
  return text ? `${AUDIT_PATHS.records}?${text}` : AUDIT_PATHS.records;
}
