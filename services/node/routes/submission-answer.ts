import type { FastifyReply } from 'fastify';
import { describeReason } from '../../../libs/errors/index.js';
import type { Submission } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { settleSubmission } from '../watch-decisions.js';

/** A submission's decision as the API answers it. */
export function decisionOf(s: Submission): Record<string, unknown> {
  return {
    noticeId: s.noticeId,
    status: s.status,
    submittedAt: s.submittedAt,
    ...(s.code ? { code: s.code, reason: describeReason(s.code) } : {}),
    ...(s.path ? { path: s.path } : {}),
    ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
  };
}

/** Publishes a taken submission (if not yet), waits for ingest's decision, and answers it: 200 decided, 202 pending. */
export async function answerSubmission(reply: FastifyReply, deps: NodeAppDeps, taken: Submission): Promise<FastifyReply> {
  const submissionDeps = { bus: deps.bus, submissions: deps.submissions, events: deps.events, log: deps.log };
  const submission = taken.status === 'pending' ? await settleSubmission(submissionDeps, taken, deps.decisionWaitMs) : taken;
  return reply.code(submission.status === 'pending' ? 202 : 200).send(decisionOf(submission));
}
