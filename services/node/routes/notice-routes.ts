import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { signNotice } from '../../../libs/client/index.js';
import { AccordError, describeReason } from '../../../libs/errors/index.js';
import { apiSchemas, type Submission } from '../../../libs/node/index.js';
import { noticeFromJsonObject } from '../../../libs/notice/index.js';
import { messageToJson } from '../../../libs/proto/index.js';
import { readerOf } from '../caller.js';
import type { NodeAppDeps } from '../node-app.js';
import { settleSubmission } from '../watch-decisions.js';

function decisionOf(s: Submission): Record<string, unknown> {
  return {
    noticeId: s.noticeId,
    status: s.status,
    submittedAt: s.submittedAt,
    ...(s.code ? { code: s.code, reason: describeReason(s.code) } : {}),
    ...(s.path ? { path: s.path } : {}),
    ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
  };
}

/** A digest of the body as sent (keys sorted), so a retry is recognised whatever its key order. */
function bodyDigest(body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

function sameRequest(existing: Submission, digest: string, what: string): void {
  if (existing.bodyDigest !== digest) {
    throw new AccordError('E_CONFLICT', `${what} was submitted before with another body: send a new noticeId for a new notice`, {
      path: what.startsWith('Idempotency-Key') ? 'headers/idempotency-key' : 'body/noticeId',
    });
  }
}

export function registerNoticeRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const submissionDeps = { bus: deps.bus, submissions: deps.submissions, events: deps.events, log: deps.log };

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
      const body = request.body;
      const key = request.headers['idempotency-key'];
      const digest = bodyDigest(body);
      const given = body.noticeId;
      if (given !== undefined && typeof given !== 'string')
        throw new AccordError('E_REQUEST_INVALID', 'noticeId must be a UUID string', { path: 'body/noticeId' });
      if (given === undefined && key === undefined) {
        throw new AccordError(
          'E_REQUEST_INVALID',
          'a notice without noticeId needs an Idempotency-Key header, so that a retry is the same submission',
          {
            path: 'headers/idempotency-key',
          },
        );
      }
      const earlier =
        (given !== undefined ? deps.submissions.find(given) : undefined) ??
        (key !== undefined ? deps.submissions.findByIdempotencyKey(key) : undefined);
      let submission: Submission | undefined = earlier;
      if (earlier) {
        sameRequest(earlier, digest, earlier.noticeId === given ? `notice ${earlier.noticeId}` : `Idempotency-Key ${key ?? ''}`);
      } else {
        if (body.issuingAgency !== undefined && body.issuingAgency !== deps.agency) {
          throw new AccordError('E_SUBJECT_MISMATCH', `issuingAgency must be this node's agency, ${deps.agency}`, {
            path: 'body/issuingAgency',
          });
        }
        const notice = noticeFromJsonObject({
          ...body,
          noticeId: given ?? randomUUID(),
          issuingAgency: deps.agency,
          issuedAt: body.issuedAt ?? new Date().toISOString(),
        });
        const signed = await signNotice(notice, deps.signingKey);
        const now = new Date();
        try {
          deps.submissions.record(
            {
              noticeId: notice.noticeId,
              bodyDigest: digest,
              submittedBy: readerOf(caller),
              submittedAt: now.toISOString(),
              ...(key !== undefined ? { idempotencyKey: key } : {}),
            },
            signed,
          );
        } catch (error) {
          // Two identical requests at once: the other one recorded it first.
          const raced =
            deps.submissions.find(notice.noticeId) ?? (key !== undefined ? deps.submissions.findByIdempotencyKey(key) : undefined);
          if (!raced) throw error;
          sameRequest(raced, digest, `notice ${raced.noticeId}`);
        }
        submission = deps.submissions.find(notice.noticeId) ?? (key !== undefined ? deps.submissions.findByIdempotencyKey(key) : undefined);
      }
      if (!submission) throw new AccordError('E_STATE', 'the submission was recorded but cannot be read back');
      if (submission.status === 'pending') submission = await settleSubmission(submissionDeps, submission, deps.decisionWaitMs);
      return reply.code(submission.status === 'pending' ? 202 : 200).send(decisionOf(submission));
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
