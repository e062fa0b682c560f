import type { FastifyInstance } from 'fastify';
import { AUDIT_PATHS, renderVerify, verifyStatusJson } from '../../libs/audit-console/index.js';
import type { AuditConsoleDeps } from './audit-console-deps.js';
import { HTML, pageContext } from './page-context.js';

/** The whole-chain verification: its page, the form that starts it, and its status for the page's script. */
export function registerVerifyRoutes(app: FastifyInstance, deps: AuditConsoleDeps): void {
  app.get(AUDIT_PATHS.verify, async (request, reply) =>
    reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(renderVerify(pageContext(request), deps.verify.status)),
  );

  app.post(AUDIT_PATHS.verify, async (_request, reply) => {
    // One at a time: a second press while one runs shows the one running.
    if (deps.verify.start()) deps.log.info('chain verification started');
    return reply.redirect(AUDIT_PATHS.verify, 303);
  });

  app.get(AUDIT_PATHS.verifyStatus, async (request, reply) =>
    reply.header('cache-control', 'no-store').send(verifyStatusJson(pageContext(request).lang, deps.verify.status)),
  );
}
