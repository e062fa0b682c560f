import type { InboxFilters } from './console-models.js';

/**
 * Every URL the console's pages link or post to: the routes are registered at these
 * paths. A value in a path is one encodeURIComponent'd segment, so no value can add a
 * segment, a query or a scheme.
 */
export const CONSOLE_PATHS = {
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  lang: '/lang',
  password: '/password',
  inbox: '/inbox',
  admin: '/admin',
  sent: '/sent',
  compose: '/compose',
  quarantine: '/quarantine',
  /** Requests to widen: those addressed to the agency and its own. */
  requests: '/requests',
  /** The statistical releases delivered to the agency (a research body's), as charts and tables. */
  statistics: '/statistics',
  adminOfficers: '/admin/officers',
  adminTokens: '/admin/tokens',
  /** The live inbox fetches one server-rendered row at liveRows + encodeURIComponent(noticeId). */
  liveRows: '/console/rows/',
  css: '/assets/console.css',
  js: '/assets/console.js',
  events: '/api/v1/events',
} as const;

const segment = (value: string): string => encodeURIComponent(value);

export function noticePath(noticeId: string): string {
  return `/notices/${segment(noticeId)}`;
}

export function sentPath(noticeId: string): string {
  return `/sent/${segment(noticeId)}`;
}

export function printPath(noticeId: string): string {
  return `/notices/${segment(noticeId)}/print`;
}

/** The form asking a notice's issuer for more of it. */
export function widenAskPath(noticeId: string): string {
  return `/notices/${segment(noticeId)}/widen`;
}

export function releasePath(requestId: string): string {
  return `/requests/${segment(requestId)}/release`;
}

export function refusePath(requestId: string): string {
  return `/requests/${segment(requestId)}/refuse`;
}

export function casePath(caseRef: string): string {
  return `/cases/${segment(caseRef)}`;
}

export function disableOfficerPath(name: string): string {
  return `/admin/officers/${segment(name)}/disable`;
}

export function revokeTokenPath(name: string): string {
  return `/admin/tokens/${segment(name)}/revoke`;
}

/** The composer opened for a reply to a notice the agency received. */
export function composeReplyPath(noticeId: string): string {
  return `/compose?replyTo=${segment(noticeId)}`;
}

/** The composer opened for a new version of a notice the agency sent, from the node's copy of it. */
export function composeUpdatePath(noticeId: string): string {
  return `/compose?update=${segment(noticeId)}`;
}

/** The form that withdraws a notice the agency sent. */
export function withdrawPath(noticeId: string): string {
  return `/sent/${segment(noticeId)}/withdraw`;
}

/** A sent notice's page after its withdrawal was sent, which the page reports. */
export function sentAfterWithdrawalPath(noticeId: string, withdrawalId: string): string {
  return `${sentPath(noticeId)}?withdrawal=${segment(withdrawalId)}`;
}

/** The Statistics page for a period (`?period=2026-11`), or for the latest one. */
export function statisticsPath(period?: string): string {
  return period === undefined || period === '' ? CONSOLE_PATHS.statistics : `${CONSOLE_PATHS.statistics}?period=${segment(period)}`;
}

/** The inbox with its filters as the filter form sends them (GET /inbox?caseRef=...&unread=1). */
export function inboxPath(filters: InboxFilters = {}): string {
  const query = new URLSearchParams();
  if (filters.caseRef) query.set('caseRef', filters.caseRef);
  if (filters.tlp) query.set('tlp', filters.tlp);
  if (filters.type) query.set('type', filters.type);
  if (filters.issuer) query.set('issuer', filters.issuer);
  if (filters.unread) query.set('unread', '1');
  if (filters.q) query.set('q', filters.q);
  const search = query.toString();
  return search ? `${CONSOLE_PATHS.inbox}?${search}` : CONSOLE_PATHS.inbox;
}

/**
 * Whether `back` (the language switcher's return path) is a path on this node: "/x", not
 * "//host", "/\\host" or "https://..."; printable ASCII but the backslash (encoded paths
 * are). The /lang route redirects only to such a path.
 */
export function isLocalPath(back: unknown): back is string {
  return typeof back === 'string' && back.length <= 2048 && /^\/(?![/\\])[!-[\]-~]*$/.test(back);
}
