import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { renderAuditError } from '../../libs/audit-console/index.js';
import { isAccordError } from '../../libs/errors/index.js';
import { consoleHelmetOptions } from '../shared/console-security.js';
import { registerFormParser } from '../shared/form-body.js';
import type { AuditConsoleDeps } from './audit-console-deps.js';
import { registerAssetRoutes } from './asset-routes.js';
import { registerDownloadRoutes } from './download-routes.js';
import { registerHostGuard } from './host-guard.js';
import { HTML, pageContext } from './page-context.js';
import { registerPageRoutes } from './page-routes.js';
import { registerVerifyRoutes } from './verify-routes.js';

/** Its forms are a language and a button. */
const FORM_LIMIT_BYTES = 16 * 1024;

/**
 * The auditor console over HTTP: server-rendered pages, one stylesheet and one script
 * of its own, the node console's Content Security Policy (no inline script or style, no
 * framing), answered only at its own address.
 */
export async function buildAuditConsoleApp(deps: AuditConsoleDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: FORM_LIMIT_BYTES, return503OnClosing: true });
  // Within the console only its forms carry their Origin; plain HTTP on loopback: no HSTS.
  await app.register(fastifyHelmet, consoleHelmetOptions({ https: false, hsts: false, referrerPolicy: 'same-origin' }));
  await app.register(fastifyCookie);
  app.removeContentTypeParser('text/plain');
  registerFormParser(app, FORM_LIMIT_BYTES);
  registerHostGuard(app, deps.allowedHosts);

  app.addHook('onResponse', async (request, reply) => {
    deps.log.info('request', { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const ctx = pageContext(request);
    if (isAccordError(error) && error.code === 'E_UNAVAILABLE') {
      deps.log.warn('audit stream unreadable', { error: error.message });
      return reply
        .code(503)
        .type(HTML)
        .send(renderAuditError(ctx, 503, 'error.unavailable', { message: error.message }));
    }
    const status = isAccordError(error) ? (error.code === 'E_REQUEST_INVALID' ? 400 : 500) : (error.statusCode ?? 500);
    if (status >= 500) deps.log.error('request failed', { error: error.message });
    return reply
      .code(status)
      .type(HTML)
      .send(renderAuditError(ctx, status, status < 500 ? 'error.badRequest' : 'error.internal'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type(HTML)
      .send(renderAuditError(pageContext(request), 404, 'error.notFound')),
  );

  registerAssetRoutes(app);
  registerPageRoutes(app, deps);
  registerVerifyRoutes(app, deps);
  registerDownloadRoutes(app, deps);
  return app;
}
