import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  renderError,
  renderInbox,
  renderInboxRow,
  renderPrint,
  renderTimeline,
  renderWithdrawn,
  t,
  type InboxFilters,
  type InboxRow,
  type PageContext,
  type Tlp,
} from '../../../libs/console/index.js';
import type { NodeView, NodeWithdrawnView } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { allHeld, heldView, inboxRowOf, noticeModelOf, timelineModelOf, withdrawalOf, withdrawnModelOf } from './held-notice-models.js';
import { pageContext, requireOfficer, type ConsoleSession } from './console-session.js';
import { sendNoticePage } from './notice-page-answer.js';

const HTML = 'text/html; charset=utf-8';
const READERS = ['officer', 'supervisor'] as const;
const TLPS: readonly Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

/** The inbox's filters from the query string; anything not one of the offered values is ignored. */
function filtersOf(query: Record<string, string | undefined>): InboxFilters {
  const text = (v: string | undefined, max: number): string | undefined => (v !== undefined && v !== '' && v.length <= max ? v : undefined);
  const tlp = query.tlp;
  const filters: InboxFilters = {};
  const caseRef = text(query.caseRef, 128);
  const type = text(query.type, 64);
  const issuer = text(query.issuer, 64);
  const q = text(query.q, 128);
  if (caseRef) filters.caseRef = caseRef;
  if (tlp !== undefined && (TLPS as readonly string[]).includes(tlp)) filters.tlp = tlp as Tlp;
  if (type) filters.type = type;
  if (issuer) filters.issuer = issuer;
  if (query.unread === 'on' || query.unread === 'true' || query.unread === '1') filters.unread = true;
  if (q) filters.q = q;
  return filters;
}

function matches(row: InboxRow, f: InboxFilters): boolean {
  const q = f.q?.trim().toLowerCase();
  return (
    (!f.caseRef || row.caseRef === f.caseRef) &&
    // A withdrawn notice's level went with its content: no level filter shows it.
    (!f.tlp || (row.status?.state !== 'withdrawn' && row.tlp === f.tlp)) &&
    (!f.type || row.type === f.type) &&
    (!f.issuer || row.issuer === f.issuer) &&
    (!f.unread || !row.readByMe) &&
    (!q || row.caseRef.toLowerCase().includes(q) || row.noticeId.toLowerCase() === q)
  );
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].filter(Boolean).sort();

function notFound(reply: FastifyReply, ctx: PageContext): FastifyReply {
  return reply
    .code(404)
    .type(HTML)
    .send(renderError(ctx, 404, 'error.notFound'));
}

export function registerConsoleInboxRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const forbidden = (ctx: PageContext): string => renderError(ctx, 403, 'error.forbidden');
  const officer = (request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined =>
    requireOfficer(request, reply, deps, READERS, forbidden);
  const receiptsOf = (signedIn: ConsoleSession): Map<string, string> => deps.access.receiptsBy(`officer:${signedIn.session.officer.name}`);

  const rowOf = (entry: NodeView | NodeWithdrawnView, read: Map<string, string>): InboxRow =>
    inboxRowOf(deps, entry, read.has(entry.noticeId));

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/inbox',
    { config: { summary: "the console: the agency's inbox, with filters and live updates" } },
    async (request, reply) => {
      const signedIn = officer(request, reply);
      if (!signedIn) return reply;
      const read = receiptsOf(signedIn);
      const rows = allHeld(deps).map((v) => rowOf(v, read));
      const filters = filtersOf(request.query);
      const shown = rows.filter((r) => matches(r, filters));
      const choices = {
        types: sorted(rows.map((r) => r.type)),
        issuers: sorted(rows.map((r) => r.issuer)),
        caseRefs: sorted(rows.map((r) => r.caseRef)),
      };
      return reply
        .type(HTML)
        .send(renderInbox(pageContext(request, deps, signedIn), { rows: shown, filters, choices, total: rows.length }));
    },
  );

  app.get<{ Params: { noticeId: string }; Querystring: Record<string, string | undefined> }>(
    '/console/rows/:noticeId',
    {
      config: {
        summary: "the console: one inbox row, for a view that has just arrived (204 when the open inbox's filters leave it out)",
      },
    },
    async (request, reply) => {
      const signedIn = officer(request, reply);
      if (!signedIn) return reply;
      const ctx = pageContext(request, deps, signedIn);
      const view = heldView(deps, request.params.noticeId);
      if (!view) return notFound(reply, ctx);
      const read = receiptsOf(signedIn);
      const filters = filtersOf(request.query);
      const row = rowOf(view, read);
      if (!matches(row, filters)) return reply.code(204).send();
      // The open inbox's "Showing N of M", in the officer's language; encoded, since a header is ASCII. An
      // unfiltered inbox shows every view, counted without opening one; only filters need the rows read.
      const total = deps.views.count();
      const shown = Object.keys(filters).length === 0 ? total : allHeld(deps).filter((v) => matches(rowOf(v, read), filters)).length;
      const count = t(ctx.lang, 'inbox.count', { shown, total });
      return reply.header('x-inbox-count', encodeURIComponent(count)).type(HTML).send(renderInboxRow(ctx, row));
    },
  );

  app.get<{ Params: { noticeId: string }; Querystring: Record<string, string | undefined> }>(
    '/notices/:noticeId',
    {
      config: {
        summary:
          "the console: a notice, with the agency's requests to widen it; opening it gives the officer's read receipt (a withdrawn one: its withdrawal)",
      },
    },
    async (request, reply) => {
      const signedIn = officer(request, reply);
      if (!signedIn) return reply;
      // Back from the ask form, which redirects here once the bus took the request.
      const asked = request.query.done === 'asked';
      return sendNoticePage(
        deps,
        request,
        reply,
        signedIn,
        request.params.noticeId,
        asked ? { flash: { kind: 'info', messageKey: 'flash.widenAsked' } } : {},
      );
    },
  );

  app.get<{ Params: { noticeId: string } }>(
    '/notices/:noticeId/print',
    { config: { summary: 'the console: a notice laid out for print, its TLP marking on every page' } },
    async (request, reply) => {
      const signedIn = officer(request, reply);
      if (!signedIn) return reply;
      const ctx = pageContext(request, deps, signedIn);
      const withdrawal = withdrawalOf(deps, request.params.noticeId);
      if (withdrawal) return reply.type(HTML).send(renderWithdrawn(ctx, withdrawnModelOf(request.params.noticeId, withdrawal)));
      const view = heldView(deps, request.params.noticeId);
      if (!view) return notFound(reply, ctx);
      deps.access.recordRead(view.noticeId, `officer:${signedIn.session.officer.name}`, new Date());
      return reply
        .type(HTML)
        .send(renderPrint(ctx, noticeModelOf(deps, view, signedIn.session.officer.role, receiptsOf(signedIn).get(view.noticeId))));
    },
  );

  app.get<{ Params: { caseRef: string } }>(
    '/cases/:caseRef',
    { config: { summary: 'the console: every notice of a case the agency holds, in order, replies beside the own notices they answer' } },
    async (request, reply) => {
      const signedIn = officer(request, reply);
      if (!signedIn) return reply;
      const model = timelineModelOf(deps, request.params.caseRef);
      return reply.type(HTML).send(renderTimeline(pageContext(request, deps, signedIn), model));
    },
  );
}
