import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signNotice, WITHDRAWAL_REASON_MAX_CHARS } from '../../../libs/client/index.js';
import {
  renderError,
  renderWithdrawForm,
  sentAfterWithdrawalPath,
  t,
  type PageContext,
  type WithdrawFormModel,
} from '../../../libs/console/index.js';
import { isAccordError } from '../../../libs/errors/index.js';
import { apiSchemas, takeWithdrawal } from '../../../libs/node/index.js';
import { withdrawalCodeNames } from '../../../libs/notice/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { settleSubmission } from '../watch-decisions.js';
import { field } from '../../shared/form-body.js';
import { isChangeable } from './changeable-notice.js';
import { pageContext, refuseWithoutCsrf, requireOfficer, type ConsoleSession } from './console-session.js';

const HTML = 'text/html; charset=utf-8';

type Form = Omit<WithdrawFormModel, 'noticeId' | 'reasonMaxChars'>;

/** The form's own problems, in the officer's language: a code of the list, a reason. */
function formProblems(ctx: PageContext, form: Form): WithdrawFormModel['problems'] {
  return [
    ...(withdrawalCodeNames().includes(form.code) ? [] : [{ field: 'code' as const, message: t(ctx.lang, 'withdraw.codeRequired') }]),
    ...(form.reason.trim() !== '' ? [] : [{ field: 'reason' as const, message: t(ctx.lang, 'withdraw.reasonRequired') }]),
  ];
}

/**
 * A supervisor withdraws one of the agency's notices from its sent page: a form (the code by
 * its meaning, the reason under its warning), then the withdrawal built, signed and
 * published as the API's POST /api/v1/notices/{noticeId}/withdraw does, and back to the
 * sent page, which says what became of it.
 */
export function registerConsoleWithdrawRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const submissionDeps = { bus: deps.bus, submissions: deps.submissions, events: deps.events, log: deps.log };
  const forbidden = (ctx: PageContext): string => renderError(ctx, 403, 'error.forbidden');
  const supervisor = (request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined =>
    requireOfficer(request, reply, deps, ['supervisor'], forbidden);
  const show = (reply: FastifyReply, ctx: PageContext, noticeId: string, form: Form, status = 200): FastifyReply =>
    reply
      .code(status)
      .type(HTML)
      .send(renderWithdrawForm(ctx, { noticeId, reasonMaxChars: WITHDRAWAL_REASON_MAX_CHARS, ...form }));
  /** Only a notice the sent page offers to withdraw has a form: any other is not found. */
  const notFound = (reply: FastifyReply, ctx: PageContext): FastifyReply =>
    reply
      .code(404)
      .type(HTML)
      .send(renderError(ctx, 404, 'error.notFound'));
  const withdrawable = (noticeId: string): boolean => apiSchemas.isNoticeId(noticeId) && isChangeable(deps, noticeId);

  app.get<{ Params: { noticeId: string } }>(
    '/sent/:noticeId/withdraw',
    { config: { summary: "the console: the form that withdraws one of the agency's notices (supervisors)" } },
    async (request, reply) => {
      const signedIn = supervisor(request, reply);
      if (!signedIn) return reply;
      const ctx = pageContext(request, deps, signedIn);
      const { noticeId } = request.params;
      if (!withdrawable(noticeId)) return notFound(reply, ctx);
      return show(reply, ctx, noticeId, { withdrawalId: randomUUID(), code: '', reason: '', problems: [] });
    },
  );

  app.post<{ Params: { noticeId: string } }>(
    '/sent/:noticeId/withdraw',
    { config: { summary: "the console: withdraw one of the agency's notices (form), then its sent page" } },
    async (request, reply) => {
      const signedIn = supervisor(request, reply);
      if (!signedIn) return reply;
      const ctx = pageContext(request, deps, signedIn);
      const refused = refuseWithoutCsrf(request, reply, ctx, signedIn);
      if (refused) return refused;
      const { noticeId } = request.params;
      if (!withdrawable(noticeId)) return notFound(reply, ctx);
      const given = field(request.body, 'withdrawalId', { optional: true }) ?? '';
      const form: Form = {
        // Chosen when the form was shown, so that a form sent twice is one withdrawal.
        withdrawalId: apiSchemas.isNoticeId(given) ? given : randomUUID(),
        code: field(request.body, 'code', { optional: true, max: 64 }) ?? '',
        reason: field(request.body, 'reason', { optional: true, max: WITHDRAWAL_REASON_MAX_CHARS }) ?? '',
        problems: [],
      };
      const problems = formProblems(ctx, form);
      if (problems.length > 0) return show(reply, ctx, noticeId, { ...form, problems }, 400);
      try {
        let submission = await takeWithdrawal(
          deps.submissions,
          {
            withdrawnNoticeId: noticeId,
            reason: form.reason,
            code: form.code,
            withdrawalId: form.withdrawalId,
            agency: deps.agency,
            submittedBy: `officer:${signedIn.session.officer.name}`,
            now: new Date(),
          },
          (notice) => signNotice(notice, deps.signingKey),
        );
        if (submission.status === 'pending') submission = await settleSubmission(submissionDeps, submission, deps.decisionWaitMs);
        return await reply.redirect(sentAfterWithdrawalPath(noticeId, submission.noticeId), 303);
      } catch (error) {
        if (!isAccordError(error)) throw error;
        // The bus did not answer: the withdrawal is recorded and the node publishes it when it can; the form stays as it was.
        if (error.code === 'E_UNAVAILABLE')
          return show(reply, { ...ctx, flash: { kind: 'error', messageKey: 'error.unavailable' } }, noticeId, form, 503);
        // This withdrawalId went out before with another reason or code: a changed form is a new withdrawal.
        const again = error.code === 'E_CONFLICT' ? { ...form, withdrawalId: randomUUID() } : form;
        return show(
          reply,
          ctx,
          noticeId,
          { ...again, problems: [{ field: 'reason', message: error.message }] },
          error.code === 'E_CONFLICT' ? 409 : 400,
        );
      }
    },
  );
}
