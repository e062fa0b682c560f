import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  askableCategories,
  CONSOLE_PATHS,
  noticeModelFrom,
  noticePath,
  readRefusal,
  readReleaseDays,
  readWidenAskForm,
  renderError,
  renderRequests,
  WIDEN_ASKERS,
  WIDEN_DECIDERS,
  type FormValues,
  type MessageKey,
  type PageContext,
} from '../../../libs/console/index.js';
import { apiSchemas } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { pendingRequestOf, releasePending } from '../widen-release.js';
import { pageContext, refuseWithoutCsrf, requireOfficer, type ConsoleSession } from './console-session.js';
import { heldView } from './held-notice-models.js';
import { sendNoticePage } from './notice-page-answer.js';
import { widenFailureOf, type WidenFailure } from './widen-failures.js';
import { requestListsOf, WIDEN_LIMITS } from './widen-request-models.js';

const HTML = 'text/html; charset=utf-8';

/** The messages the Requests page shows when a decision brought the officer back to it. */
const DONE = {
  released: 'flash.widenReleased',
  refused: 'flash.widenRefused',
} as const;

const isDone = (value: string | undefined): value is keyof typeof DONE => value === 'released' || value === 'refused';

/**
 * Requests to widen in the console: an officer asks a notice's issuer for what the view
 * withheld (from the notice's page); the Requests page lists those addressed to the
 * agency and its own; a supervisor releases or refuses those addressed to it. Each form
 * goes back to its page, with what became of it at the top.
 */
export function registerConsoleWidenRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const forbidden = (ctx: PageContext): string => renderError(ctx, 403, 'error.forbidden');
  const asker = (request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined =>
    requireOfficer(request, reply, deps, WIDEN_ASKERS, forbidden);
  const decider = (request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined =>
    requireOfficer(request, reply, deps, WIDEN_DECIDERS, forbidden);

  /** The Requests page, with routing's lists as they are now; 503 when the bus does not answer, unless a failure says otherwise. */
  async function showRequests(
    reply: FastifyReply,
    ctx: PageContext,
    signedIn: ConsoleSession,
    failure?: WidenFailure,
  ): Promise<FastifyReply> {
    const lists = await requestListsOf(deps, signedIn.session.officer.role);
    return reply
      .code(failure?.status ?? (lists ? 200 : 503))
      .type(HTML)
      .send(renderRequests(failure ? { ...ctx, flash: failure.flash } : ctx, { ...(lists ? { lists } : {}), limits: WIDEN_LIMITS }));
  }

  /** A decision's refusal by the bus or by its checks, on the Requests page; any other error is the node's. */
  async function decisionFailed(reply: FastifyReply, ctx: PageContext, signedIn: ConsoleSession, error: unknown): Promise<FastifyReply> {
    const failure = widenFailureOf(error, 'decide');
    if (!failure) throw error;
    return showRequests(reply, ctx, signedIn, failure);
  }

  const failed = (status: number, messageKey: MessageKey, params?: Record<string, string | number>): WidenFailure => ({
    status,
    flash: { kind: 'error', messageKey, ...(params ? { params } : {}) },
  });
  const unknownRequest = failed(404, 'widenError.notFound');
  const badDays = failed(400, 'widenError.days', { max: WIDEN_LIMITS.releaseDays.max });
  const longRefusal = failed(400, 'widenError.reasonTooLong', { max: WIDEN_LIMITS.reasonMax });

  app.get<{ Querystring: Record<string, string | undefined> }>(
    CONSOLE_PATHS.requests,
    { config: { summary: 'the console: requests to widen, addressed to the agency and made by it' } },
    async (request, reply) => {
      const signedIn = asker(request, reply);
      if (!signedIn) return reply;
      const done = request.query.done;
      const ctx = pageContext(request, deps, signedIn);
      return showRequests(reply, isDone(done) ? { ...ctx, flash: { kind: 'info', messageKey: DONE[done] } } : ctx, signedIn);
    },
  );

  app.post<{ Params: { noticeId: string } }>(
    '/notices/:noticeId/widen',
    { config: { summary: "the console: ask a notice's issuer for categories the view withheld (form)" } },
    async (request, reply) => {
      const signedIn = asker(request, reply);
      if (!signedIn) return reply;
      const refused = refuseWithoutCsrf(request, reply, pageContext(request, deps, signedIn), signedIn);
      if (refused) return refused;
      const { noticeId } = request.params;
      const view = heldView(deps, noticeId);
      // Withdrawn or not held: its page says which, and nothing is asked.
      if (!view) return sendNoticePage(deps, request, reply, signedIn, noticeId);
      const body = request.body as FormValues;
      const given = body.requestId?.[0];
      const requestId = given !== undefined && apiSchemas.isNoticeId(given) ? given : randomUUID();
      const { form, problem } = readWidenAskForm(body, askableCategories(noticeModelFrom(view).withheld), WIDEN_LIMITS.reasonMax);
      if (problem)
        return sendNoticePage(deps, request, reply, signedIn, noticeId, {
          status: 400,
          flash: { kind: 'error', ...problem },
          requestId,
          form,
        });
      try {
        const asked = await deps.bus.widenRequest({ requestId, noticeId: view.noticeId, categories: form.categories, reason: form.reason });
        deps.log.info('asked to widen', { noticeId: view.noticeId, agency: asked.issuer });
        return await reply.redirect(`${noticePath(view.noticeId)}?done=asked`, 303);
      } catch (error) {
        const failure = widenFailureOf(error, 'ask');
        if (!failure) throw error;
        // A retry is the same request, but after a conflict: that id is another request's, so the form takes a new one.
        const again = failure.status === 409 ? randomUUID() : requestId;
        return sendNoticePage(deps, request, reply, signedIn, noticeId, { ...failure, requestId: again, form });
      }
    },
  );

  app.post<{ Params: { requestId: string } }>(
    '/requests/:requestId/release',
    {
      config: { summary: "the console: release what a pending request addressed to the agency asks, signed with the agency's key (form)" },
    },
    async (request, reply) => {
      const signedIn = decider(request, reply);
      if (!signedIn) return reply;
      const ctx = pageContext(request, deps, signedIn);
      const refused = refuseWithoutCsrf(request, reply, ctx, signedIn);
      if (refused) return refused;
      // A request id is a UUID, as a notice id is.
      if (!apiSchemas.isNoticeId(request.params.requestId)) return showRequests(reply, ctx, signedIn, unknownRequest);
      const days = readReleaseDays(request.body as FormValues, WIDEN_LIMITS.releaseDays.max);
      if (days === undefined) return showRequests(reply, ctx, signedIn, badDays);
      try {
        const record = await pendingRequestOf(deps, request.params.requestId);
        // The bus keeps no notice: only one this node published and kept can be released from here.
        if (!deps.submissions.kept(record.noticeId))
          return await showRequests(reply, ctx, signedIn, failed(404, 'widenError.notPublishedHere', { noticeId: record.noticeId }));
        await releasePending(deps, record, days, new Date());
        return await reply.redirect(`${CONSOLE_PATHS.requests}?done=released`, 303);
      } catch (error) {
        return decisionFailed(reply, ctx, signedIn, error);
      }
    },
  );

  app.post<{ Params: { requestId: string } }>(
    '/requests/:requestId/refuse',
    { config: { summary: 'the console: refuse a pending request addressed to the agency, with a reason for the requester (form)' } },
    async (request, reply) => {
      const signedIn = decider(request, reply);
      if (!signedIn) return reply;
      const ctx = pageContext(request, deps, signedIn);
      const refused = refuseWithoutCsrf(request, reply, ctx, signedIn);
      if (refused) return refused;
      const { requestId } = request.params;
      if (!apiSchemas.isNoticeId(requestId)) return showRequests(reply, ctx, signedIn, unknownRequest);
      const reason = readRefusal(request.body as FormValues, WIDEN_LIMITS.reasonMax);
      if (reason === undefined) return showRequests(reply, ctx, signedIn, longRefusal);
      try {
        const decided = await deps.bus.widenRefuse({ requestId, refusal: reason });
        deps.log.info('refused a request to widen', { noticeId: decided.noticeId, recipient: decided.requester });
        return await reply.redirect(`${CONSOLE_PATHS.requests}?done=refused`, 303);
      } catch (error) {
        return decisionFailed(reply, ctx, signedIn, error);
      }
    },
  );
}
