import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  noticeModelFrom,
  renderError,
  renderQuarantine,
  renderSentList,
  renderSentNotice,
  type PageContext,
  type SentNoticeModel,
  type SentRow,
} from '../../../libs/console/index.js';
import { describeReason } from '../../../libs/errors/index.js';
import { apiSchemas, type Submission } from '../../../libs/node/index.js';
import { handlingNames } from '../../../libs/notice/index.js';
import { formatTimestamp } from '../../../libs/proto/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { pageContext, requireOfficer, type ConsoleSession } from './console-session.js';
import { isChangeable } from './changeable-notice.js';

const HTML = 'text/html; charset=utf-8';

const rowOf = (s: Submission): SentRow => ({
  noticeId: s.noticeId,
  status: s.status,
  submittedBy: s.submittedBy,
  submittedAt: s.submittedAt,
  ...(s.code ? { code: s.code } : {}),
  ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
});

/** The supervisors' pages of the agency's own notices: the decision and the track, and the quarantine. */
export function registerConsoleSentRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const forbidden = (ctx: PageContext): string => renderError(ctx, 403, 'error.forbidden');
  const supervisor = (request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined =>
    requireOfficer(request, reply, deps, ['supervisor'], forbidden);

  app.get('/sent', { config: { summary: "the console: the agency's own notices sent through this node" } }, async (request, reply) => {
    const signedIn = supervisor(request, reply);
    if (!signedIn) return reply;
    return reply.type(HTML).send(renderSentList(pageContext(request, deps, signedIn), { rows: deps.submissions.all().map(rowOf) }));
  });

  /** The page's word on a withdrawal just sent from it (`?withdrawal=`): its decision, if it is one of this node's submissions. */
  const withdrawalFlash = (withdrawalId: string | undefined): PageContext['flash'] | undefined => {
    const withdrawal = withdrawalId !== undefined && apiSchemas.isNoticeId(withdrawalId) ? deps.submissions.find(withdrawalId) : undefined;
    if (!withdrawal) return undefined;
    const params = { noticeId: withdrawal.noticeId, code: withdrawal.code ?? '' };
    if (withdrawal.status === 'quarantined') return { kind: 'error', messageKey: 'withdraw.sentQuarantined', params };
    return { kind: 'info', messageKey: withdrawal.status === 'accepted' ? 'withdraw.sentAccepted' : 'withdraw.sentPending', params };
  };

  app.get<{ Params: { noticeId: string }; Querystring: { withdrawal?: string } }>(
    '/sent/:noticeId',
    { config: { summary: 'the console: what became of an own notice (decision, recipients and their categories, receipts, replies)' } },
    async (request, reply) => {
      const signedIn = supervisor(request, reply);
      if (!signedIn) return reply;
      const flash = withdrawalFlash(request.query.withdrawal);
      const ctx = { ...pageContext(request, deps, signedIn), ...(flash ? { flash } : {}) };
      const noticeId = request.params.noticeId;
      if (!apiSchemas.isNoticeId(noticeId))
        return reply
          .code(404)
          .type(HTML)
          .send(renderError(ctx, 404, 'error.notFound'));
      const submission = deps.submissions.find(noticeId);
      const report = await deps.bus.track(noticeId);
      if (!submission && report.error)
        return reply
          .code(404)
          .type(HTML)
          .send(renderError(ctx, 404, 'error.notFound'));
      // What the agency received in answer: the views whose REPLY relation names this notice.
      const replies = deps.views.repliesTo(noticeId).map((v) => {
        const n = noticeModelFrom(v);
        return { noticeId: n.noticeId, tlp: n.tlp, type: n.type, issuer: n.issuer, issuedAt: n.issuedAt, receivedAt: n.receivedAt };
      });
      const model: SentNoticeModel = {
        noticeId,
        replies,
        ...(isChangeable(deps, noticeId) ? { changeable: true } : {}),
        ...(submission ? { decision: rowOf(submission) } : {}),
        ...(report.error
          ? { trackError: report.error }
          : {
              track: {
                status: report.status ?? '',
                policyVersion: report.policyVersion ?? '',
                handling: handlingNames(report.handling),
                deliveries: report.deliveries.map((d) => ({
                  recipient: d.recipient ?? '',
                  deliveredAt: formatTimestamp(d.deliveredAt),
                  categories: [...(d.categories ?? [])],
                  withheldCategories: [...(d.withheldCategories ?? [])],
                })),
                receipts: report.receipts.map((r) => ({
                  agency: r.agency ?? '',
                  officer: r.officer ?? '',
                  readAt: formatTimestamp(r.readAt),
                })),
              },
            }),
      };
      return reply.type(HTML).send(renderSentNotice(ctx, model));
    },
  );

  app.get(
    '/quarantine',
    { config: { summary: "the console: the agency's refused submissions, with their reasons" } },
    async (request, reply) => {
      const signedIn = supervisor(request, reply);
      if (!signedIn) return reply;
      const rows = (await deps.bus.quarantine()).map((r) => ({
        noticeId: r.noticeId,
        code: r.code,
        path: r.path,
        reason: describeReason(r.code),
        quarantinedAt: formatTimestamp(r.quarantinedAt),
      }));
      return reply.type(HTML).send(renderQuarantine(pageContext(request, deps, signedIn), { rows }));
    },
  );
}
