import type { FastifyInstance } from 'fastify';
import { openApiDocument, type RouteDescription } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';

export function registerHealthRoutes(app: FastifyInstance, deps: NodeAppDeps, routes: () => readonly RouteDescription[]): void {
  app.get('/healthz', { config: { summary: 'the process answers' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { summary: 'database open, bus connected, deliveries being pulled' } }, async (_request, reply) => {
    const ready = deps.ready();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', pid: process.pid });
  });
  app.get('/metrics', { config: { summary: 'Prometheus metrics' } }, async (_request, reply) =>
    reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
  app.get('/api/v1/openapi.json', { config: { summary: 'this API, as OpenAPI 3.1' } }, async () =>
    openApiDocument(routes(), { agency: deps.agency, version: deps.version }),
  );
}
