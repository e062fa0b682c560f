import type { FastifyInstance } from 'fastify';
import { AccordError } from '../../../libs/errors/index.js';
import { apiSchemas, type NodeView } from '../../../libs/node/index.js';
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

export function registerViewRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  app.get<{ Querystring: { cursor?: string; limit?: string } }>(
    '/api/v1/views',
    {
      schema: { querystring: apiSchemas.viewsQuery },
      config: { access: 'read', summary: 'verified views, oldest first, a page at a time (each read is recorded)' },
    },
    async (request) => {
      const caller = request.caller;
      if (!caller) throw new AccordError('E_UNAUTHENTICATED', 'sign in or give a token');
      const page = deps.views.list(Number(request.query.cursor ?? '0'), Number(request.query.limit ?? DEFAULT_PAGE));
      const now = new Date();
      for (const v of page.views) deps.access.recordRead(v.noticeId, readerOf(caller), now);
      return { views: page.views.map(viewJson), ...(page.next !== undefined ? { nextCursor: String(page.next) } : {}) };
    },
  );

  app.get<{ Params: { noticeId: string } }>(
    '/api/v1/views/:noticeId',
    { schema: { params: apiSchemas.noticeIdParams }, config: { access: 'read', summary: 'the view of one notice (the read is recorded)' } },
    async (request) => {
      const caller = request.caller;
      if (!caller) throw new AccordError('E_UNAUTHENTICATED', 'sign in or give a token');
      const view = deps.views.latest(request.params.noticeId);
      if (!view)
        throw new AccordError('E_NOT_FOUND', `this node holds no view of notice ${request.params.noticeId}`, { path: 'params/noticeId' });
      deps.access.recordRead(view.noticeId, readerOf(caller), new Date());
      return viewJson(view);
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
