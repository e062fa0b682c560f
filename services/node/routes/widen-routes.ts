import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RELEASE_DAYS } from '../../../libs/client/index.js';
import { apiSchemas } from '../../../libs/node/index.js';
import { messageToJson, type v1 } from '../../../libs/proto/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { pendingRequestOf, releasePending } from '../widen-release.js';

const recordJson = (r: v1.WidenRecord) => messageToJson('accord.v1.WidenRecord', r);

/** Release and refuse take a body of optional fields, which may be left out: it is then `{}`. */
async function absentBodyIsEmpty(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/**
 * Requests to widen, through routing: the agency asks an issuer for categories of a notice
 * it received; as an issuer, it releases (signed with the agency's key, with the notice as
 * this node signed and kept it) or refuses those addressed to it.
 */
export function registerWidenRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  app.get(
    '/api/v1/widen',
    {
      schema: { response: { 200: apiSchemas.widenListSchema } },
      config: { access: 'read', summary: "the agency's requests to widen and those addressed to it as an issuer, newest first" },
    },
    async () => ({ requests: (await deps.bus.widenList()).map(recordJson) }),
  );

  app.post<{ Body: { noticeId: string; categories: string[]; reason: string; requestId?: string } }>(
    '/api/v1/widen',
    {
      schema: { body: apiSchemas.widenRequestBody, response: { 201: apiSchemas.widenRecordSchema } },
      config: { access: 'publish', summary: "ask a notice's issuer for categories the agency was not granted" },
    },
    async (request, reply) => {
      const { noticeId, categories, reason } = request.body;
      const requestId = request.body.requestId ?? randomUUID();
      const record = await deps.bus.widenRequest({ requestId, noticeId, categories, reason });
      deps.log.info('asked to widen', { noticeId, agency: record.issuer });
      return reply.code(201).send(recordJson(record));
    },
  );

  app.post<{ Params: { requestId: string }; Body: { expiresInDays?: number } }>(
    '/api/v1/widen/:requestId/release',
    {
      preValidation: absentBodyIsEmpty,
      schema: { params: apiSchemas.requestIdParams, body: apiSchemas.releaseBody, response: { 200: apiSchemas.widenRecordSchema } },
      config: {
        access: 'publish',
        summary: "release what a pending request addressed to the agency asks, signed with the agency's key",
      },
    },
    async (request) => {
      const record = await pendingRequestOf(deps, request.params.requestId);
      const { released, expiresAt } = await releasePending(deps, record, request.body.expiresInDays ?? RELEASE_DAYS.default, new Date());
      return { ...recordJson(released), expiresAt };
    },
  );

  app.post<{ Params: { requestId: string }; Body: { reason?: string } }>(
    '/api/v1/widen/:requestId/refuse',
    {
      preValidation: absentBodyIsEmpty,
      schema: { params: apiSchemas.requestIdParams, body: apiSchemas.refuseBody, response: { 200: apiSchemas.widenRecordSchema } },
      config: { access: 'publish', summary: 'refuse a pending request addressed to the agency, with a reason for the requester' },
    },
    async (request) => {
      const { requestId } = request.params;
      const refused = await deps.bus.widenRefuse({ requestId, refusal: request.body.reason ?? '' });
      deps.log.info('refused a request to widen', { noticeId: refused.noticeId, recipient: refused.requester });
      return recordJson(refused);
    },
  );
}
