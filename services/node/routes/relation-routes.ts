import type { FastifyInstance, FastifyRequest } from 'fastify';
import { signNotice } from '../../../libs/client/index.js';
import { AccordError } from '../../../libs/errors/index.js';
import { apiSchemas, takeRelatedSubmission, takeWithdrawal } from '../../../libs/node/index.js';
import { v1, type CaseNotice } from '../../../libs/proto/index.js';
import { readerOf } from '../caller.js';
import type { NodeAppDeps } from '../node-app.js';
import { assertSentThroughNode, replyAddressee } from '../related-notices.js';
import { answerSubmission } from './submission-answer.js';

type Related = { Params: { noticeId: string }; Headers: { 'idempotency-key'?: string } };

function submitterOf(request: FastifyRequest): string {
  if (!request.caller) throw new AccordError('E_UNAUTHENTICATED', 'sign in or give a token');
  return readerOf(request.caller);
}

const keyOf = (request: FastifyRequest<Related>): { idempotencyKey?: string } => {
  const key = request.headers['idempotency-key'];
  return key !== undefined ? { idempotencyKey: key } : {};
};

/**
 * Replies, updates and withdrawals through the node: the relation made for the caller
 * (relateNotice, withdrawalNotice) to a notice the node received (a reply) or sent (an
 * update, a withdrawal), then signed, published and answered like POST /api/v1/notices.
 */
export function registerRelationRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const sign = (notice: CaseNotice): Promise<Uint8Array> => signNotice(notice, deps.signingKey);
  const decided = { 200: apiSchemas.decisionSchema, 202: apiSchemas.decisionSchema };

  app.post<Related & { Body: Record<string, unknown> }>(
    '/api/v1/notices/:noticeId/reply',
    {
      schema: {
        params: apiSchemas.noticeIdParams,
        body: apiSchemas.relatedNoticeBody,
        headers: apiSchemas.submitHeaders,
        response: decided,
      },
      config: {
        access: 'publish',
        summary: 'answer a notice the agency received: the notice body with a REPLY to it, addressed to its issuer',
      },
    },
    async (request, reply) => {
      const { noticeId } = request.params;
      const relatedIssuer = replyAddressee(deps.views, noticeId, 'params/noticeId');
      const submission = await takeRelatedSubmission(
        deps.submissions,
        {
          body: request.body,
          agency: deps.agency,
          submittedBy: submitterOf(request),
          now: new Date(),
          ...keyOf(request),
          kind: v1.RelationKind.REPLY,
          relatedNoticeId: noticeId,
          relatedIssuer,
        },
        sign,
      );
      return answerSubmission(reply, deps, submission);
    },
  );

  app.post<Related & { Body: Record<string, unknown> }>(
    '/api/v1/notices/:noticeId/update',
    {
      schema: {
        params: apiSchemas.noticeIdParams,
        body: apiSchemas.relatedNoticeBody,
        headers: apiSchemas.submitHeaders,
        response: decided,
      },
      config: { access: 'publish', summary: 'publish a new version of a notice the agency sent through this node (an UPDATE of it)' },
    },
    async (request, reply) => {
      const { noticeId } = request.params;
      assertSentThroughNode(deps.submissions, noticeId, 'params/noticeId');
      const submission = await takeRelatedSubmission(
        deps.submissions,
        {
          body: request.body,
          agency: deps.agency,
          submittedBy: submitterOf(request),
          now: new Date(),
          ...keyOf(request),
          kind: v1.RelationKind.UPDATE,
          relatedNoticeId: noticeId,
        },
        sign,
      );
      return answerSubmission(reply, deps, submission);
    },
  );

  app.post<Related & { Body: { reason: string; code?: string; withdrawalId?: string } }>(
    '/api/v1/notices/:noticeId/withdraw',
    {
      schema: { params: apiSchemas.noticeIdParams, body: apiSchemas.withdrawBody, headers: apiSchemas.submitHeaders, response: decided },
      config: {
        access: 'publish',
        summary: 'withdraw a notice the agency sent through this node: every recipient gets a tombstone with the code and the reason',
      },
    },
    async (request, reply) => {
      const { noticeId } = request.params;
      assertSentThroughNode(deps.submissions, noticeId, 'params/noticeId');
      const { reason, code, withdrawalId } = request.body;
      const submission = await takeWithdrawal(
        deps.submissions,
        {
          withdrawnNoticeId: noticeId,
          reason,
          ...(code !== undefined ? { code } : {}),
          ...(withdrawalId !== undefined ? { withdrawalId } : {}),
          ...keyOf(request),
          agency: deps.agency,
          submittedBy: submitterOf(request),
          now: new Date(),
        },
        sign,
      );
      return answerSubmission(reply, deps, submission);
    },
  );
}
