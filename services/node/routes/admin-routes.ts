import type { FastifyInstance } from 'fastify';
import { apiSchemas, parseScopes, type OfficerRole } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';

/** Accounts and tokens, for the node's admins (never for a token); and the read log, for the data-protection officer. */
export function registerAdminRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  app.get('/api/v1/officers', { config: { access: 'admin', summary: 'the officer accounts' } }, async () => ({
    officers: deps.officers.list(),
  }));

  app.post<{ Body: { name: string; role: OfficerRole } }>(
    '/api/v1/officers',
    {
      schema: { body: apiSchemas.officerBody },
      config: { access: 'admin', summary: 'add an officer: answers the one-time password and TOTP enrolment URI, once' },
    },
    async (request, reply) => reply.code(201).send(await deps.officers.add(request.body.name, request.body.role)),
  );

  app.post<{ Params: { name: string } }>(
    '/api/v1/officers/:name/disable',
    { schema: { params: apiSchemas.nameParams }, config: { access: 'admin', summary: "disable an officer: ends the officer's sessions" } },
    async (request, reply) => {
      deps.officers.disable(request.params.name);
      return reply.code(204).send();
    },
  );

  app.get('/api/v1/tokens', { config: { access: 'admin', summary: 'the API tokens (names and scopes; never the tokens)' } }, async () => ({
    tokens: deps.tokens.list(),
  }));

  app.post<{ Body: { name: string; scopes: string[] } }>(
    '/api/v1/tokens',
    {
      schema: { body: apiSchemas.tokenBody },
      config: { access: 'admin', summary: 'create an API token: answered once, only its hash is kept' },
    },
    async (request, reply) => reply.code(201).send(deps.tokens.create(request.body.name, parseScopes(request.body.scopes.join(',')))),
  );

  app.delete<{ Params: { name: string } }>(
    '/api/v1/tokens/:name',
    { schema: { params: apiSchemas.nameParams }, config: { access: 'admin', summary: 'revoke an API token' } },
    async (request, reply) => {
      deps.tokens.revoke(request.params.name);
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: { since?: string } }>(
    '/api/v1/reads',
    {
      schema: { querystring: apiSchemas.readsQuery },
      config: {
        access: 'admin',
        summary: 'every read of a view through this node (who, when, which notice), for the data-protection officer',
      },
    },
    async (request) => ({ reads: deps.access.reads(request.query.since ? new Date(request.query.since) : undefined) }),
  );
}
