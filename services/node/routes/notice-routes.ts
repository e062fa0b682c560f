import type { FastifyInstance } from 'fastify';
import { signNotice } from '../../../libs/client/index.js';
import { AccordError } from '../../../libs/errors/index.js';
import { apiSchemas, takeSubmission } from '../../../libs/node/index.js';
import { messageToJson } from '../../../libs/proto/index.js';
import { readerOf } from '../caller.js';
import type { NodeAppDeps } from '../node-app.js';
import { answerSubmission, decisionOf } from './submission-answer.js';

export function registerNoticeRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  app.post<{ Body: Record<string, unknown>; Headers: { 'idempotency-key'?: string } }>(
    '/api/v1/notices',
    {
      schema: {
        body: apiSchemas.noticeBody,
        headers: apiSchemas.submitHeaders,
        response: { 200: apiSchemas.decisionSchema, 202: apiSchemas.decisionSchema },
      },
      config: { access: 'publish', summary: "sign a notice with the agency's key, publish it, answer ingest's decision" },
    },
    async (request, reply) => {
      const caller = request.caller;
      if (!caller) throw new AccordError('E_UNAUTHENTICATED', 'sign in or give a token');
      const submission = await takeSubmission(
        deps.submissions,
        {
          body: request.body,
          agency: deps.agency,
          submittedBy: readerOf(caller),
          now: new Date(),
          ...(request.headers['idempotency-key'] !== undefined ? { idempotencyKey: request.headers['idempotency-key'] } : {}),
        },
        (notice) => signNotice(notice, deps.signingKey),
      );
      return answerSubmission(reply, deps, submission);
    },
  );

  app.get<{ Params: { noticeId: string } }>(
    '/api/v1/notices/:noticeId',
    {
      schema: { params: apiSchemas.noticeIdParams },
      config: {
        access: 'read',
        summary: "one of the agency's own notices: its decision and its track (who received which categories, who read it)",
      },
    },
    async (request) => {
      const { noticeId } = request.params;
      const submission = deps.submissions.find(noticeId);
      const report = await deps.bus.track(noticeId);
      if (!submission && report.error)
        throw new AccordError('E_NOT_FOUND', `notice ${noticeId} is not one of ${deps.agency}'s notices`, { path: 'params/noticeId' });
      return {
        noticeId,
        ...(submission ? { decision: decisionOf(submission) } : {}),
        track: report.error ? { error: report.error } : messageToJson('accord.v1.TrackReport', report),
      };
    },
  );

  app.get(
    '/api/v1/quarantine',
    { config: { access: 'read', summary: "the agency's own refused submissions, with their reasons" } },
    async () => ({
      records: (await deps.bus.quarantine()).map((r) => messageToJson('accord.v1.QuarantineRecord', r)),
    }),
  );
}
