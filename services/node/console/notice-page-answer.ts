import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError, renderNotice, renderWithdrawn, type PageContext, type WidenAskForm } from '../../../libs/console/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { heldView, noticeModelOf, withdrawalOf, withdrawnModelOf } from './held-notice-models.js';
import { pageContext, type ConsoleSession } from './console-session.js';
import { noticeRequestsOf, WIDEN_LIMITS } from './widen-request-models.js';

const HTML = 'text/html; charset=utf-8';

/** What a form's answer adds to the notice page: its status, the message at the top, the ask form as it was sent. */
export interface NoticePageExtras {
  status?: number;
  flash?: PageContext['flash'];
  /** The ask form's request id to send again (the same request), and what was typed. */
  requestId?: string;
  form?: WidenAskForm;
}

/**
 * The page of a received notice, sent: its withdrawal if the issuer withdrew it (nothing
 * to read, no receipt); else the view, which opening gives the officer's read receipt
 * for, with the agency's requests to widen it and the form to ask for more; 404 when the
 * node holds neither.
 */
export async function sendNoticePage(
  deps: NodeAppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  signedIn: ConsoleSession,
  noticeId: string,
  extras: NoticePageExtras = {},
): Promise<FastifyReply> {
  const ctx: PageContext = { ...pageContext(request, deps, signedIn), ...(extras.flash ? { flash: extras.flash } : {}) };
  const status = extras.status ?? 200;
  const withdrawal = withdrawalOf(deps, noticeId);
  if (withdrawal)
    return reply
      .code(status)
      .type(HTML)
      .send(renderWithdrawn(ctx, withdrawnModelOf(noticeId, withdrawal)));
  const view = heldView(deps, noticeId);
  if (!view)
    return reply
      .code(404)
      .type(HTML)
      .send(renderError(ctx, 404, 'error.notFound'));
  const { name, role } = signedIn.session.officer;
  const now = new Date();
  deps.access.recordRead(view.noticeId, `officer:${name}`, now);
  let receiptAt = deps.access.receiptsBy(`officer:${name}`).get(view.noticeId);
  if (receiptAt === undefined) {
    // Opening the notice is reading it: the issuer learns who read it, by account.
    await deps.bus.receipt(view.noticeId, name);
    deps.access.recordReceipt(view.noticeId, `officer:${name}`, now);
    receiptAt = now.toISOString();
  }
  const requests = await noticeRequestsOf(deps, view.noticeId, role);
  const widen = {
    // Chosen as the form is shown: the same form sent twice is one request.
    requestId: extras.requestId ?? randomUUID(),
    reasonMax: WIDEN_LIMITS.reasonMax,
    ...(requests ? { requests } : {}),
    ...(extras.form ? { form: extras.form } : {}),
  };
  return reply
    .code(status)
    .type(HTML)
    .send(renderNotice(ctx, { ...noticeModelOf(deps, view, role, receiptAt), widen }));
}
