import type { FastifyInstance } from 'fastify';
import { AccordError } from '../../../libs/errors/index.js';
import { apiSchemas, isTombstone, isWithdrawnView, type NodeEntry, type NodeTombstone, type NodeView } from '../../../libs/node/index.js';
import { readerOf } from '../caller.js';
import type { NodeAppDeps } from '../node-app.js';

const DEFAULT_PAGE = 50;

const viewJson = (v: NodeView) => ({
  deliverySeq: v.deliverySeq,
  noticeId: v.noticeId,
  receivedAt: v.receivedAt,
  view: v.view,
  signedView: v.signedView,
});

/** A tombstone as the API answers it: the record, and the bytes the bus signed, to verify again. */
const tombstoneJson = (t: NodeTombstone) => ({
  deliverySeq: t.deliverySeq,
  receivedAt: t.receivedAt,
  tombstone: t.tombstone,
  signedView: t.signedView,
});

export function registerViewRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  /** One delivery of the feed: a view (and what supersedes it), what a withdrawal left of one, or a tombstone. */
  const entryJson = (entry: NodeEntry): Record<string, unknown> => {
    if (isTombstone(entry)) return tombstoneJson(entry);
    if (isWithdrawnView(entry)) return { ...entry };
    const supersededBy = deps.views.supersededBy(entry.noticeId);
    return { ...viewJson(entry), ...(supersededBy ? { supersededBy } : {}) };
  };

  app.get<{ Querystring: { cursor?: string; limit?: string } }>(
    '/api/v1/views',
    {
      schema: { querystring: apiSchemas.viewsQuery },
      config: {
        access: 'read',
        summary:
          'the deliveries, oldest first, a page at a time: verified views (each read is recorded), what withdrawals left of views, tombstones',
      },
    },
    async (request) => {
      const caller = request.caller;
      if (!caller) throw new AccordError('E_UNAUTHENTICATED', 'sign in or give a token');
      const page = deps.views.list(Number(request.query.cursor ?? '0'), Number(request.query.limit ?? DEFAULT_PAGE));
      const now = new Date();
      // A read is of a notice's content: a withdrawn view or a tombstone has none to read.
      for (const e of page.entries) if (!isTombstone(e) && !isWithdrawnView(e)) deps.access.recordRead(e.noticeId, readerOf(caller), now);
      return { views: page.entries.map(entryJson), ...(page.next !== undefined ? { nextCursor: String(page.next) } : {}) };
    },
  );

  app.get<{ Params: { noticeId: string } }>(
    '/api/v1/views/:noticeId',
    {
      schema: { params: apiSchemas.noticeIdParams },
      config: {
        access: 'read',
        summary: 'the newest version of a notice with its versions (the read is recorded), or, withdrawn, its tombstone and no content',
      },
    },
    async (request) => {
      const caller = request.caller;
      if (!caller) throw new AccordError('E_UNAUTHENTICATED', 'sign in or give a token');
      const { noticeId } = request.params;
      const versions = deps.views.versions(noticeId);
      const withdrawal = deps.views.withdrawal(noticeId);
      if (withdrawal) {
        const withdrawn = { ...withdrawal.tombstone, withdrawnAt: withdrawal.receivedAt };
        return { noticeId, status: 'withdrawn', withdrawn, tombstone: tombstoneJson(withdrawal), versions };
      }
      const view = deps.views.latest(versions.at(-1)?.noticeId ?? noticeId);
      if (!view) throw new AccordError('E_NOT_FOUND', `this node holds no view of notice ${noticeId}`, { path: 'params/noticeId' });
      deps.access.recordRead(view.noticeId, readerOf(caller), new Date());
      const supersededBy = deps.views.supersededBy(view.noticeId);
      return {
        ...viewJson(view),
        status: supersededBy ? 'superseded' : 'current',
        ...(supersededBy ? { supersededBy } : {}),
        versions,
      };
    },
  );

  app.post<{ Params: { noticeId: string } }>(
    '/api/v1/views/:noticeId/receipts',
    {
      schema: { params: apiSchemas.noticeIdParams },
      config: {
        access: 'receipt',
        summary: "record that the calling officer (or token's system) read the notice: a read receipt to the issuer",
      },
    },
    async (request, reply) => {
      const caller = request.caller;
      if (!caller) throw new AccordError('E_UNAUTHENTICATED', 'sign in or give a token');
      const { noticeId } = request.params;
      if (!deps.views.latest(noticeId))
        throw new AccordError('E_NOT_FOUND', `this node holds no view of notice ${noticeId}`, { path: 'params/noticeId' });
      const reader = readerOf(caller);
      // The receipt names the account: an officer by name, a system by its token's name.
      const name = caller.kind === 'officer' ? caller.session.officer.name : reader;
      await deps.bus.receipt(noticeId, name);
      const at = new Date();
      const first = deps.access.recordReceipt(noticeId, reader, at);
      return reply.code(first ? 201 : 200).send({ noticeId, reader: name, readAt: at.toISOString() });
    },
  );
}
