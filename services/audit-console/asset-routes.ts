import type { FastifyInstance } from 'fastify';
import { AUDIT_CSS, AUDIT_JS, AUDIT_PATHS } from '../../libs/audit-console/index.js';
import { isLang, isLocalPath } from '../../libs/console/index.js';
import { field } from '../shared/form-body.js';
import { LANG_COOKIE } from './page-context.js';

const YEAR_S = 365 * 24 * 3600;

/** The console's stylesheet and script, from the package itself, and the language form. */
export function registerAssetRoutes(app: FastifyInstance): void {
  app.get(AUDIT_PATHS.css, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(AUDIT_CSS),
  );
  app.get(AUDIT_PATHS.js, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(AUDIT_JS),
  );

  // No icon: answered, so a browser's automatic request is not an error.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  app.post(AUDIT_PATHS.lang, async (request, reply) => {
    const lang = field(request.body, 'lang', { optional: true, max: 2 });
    // Plain HTTP on loopback only: the cookie cannot be Secure.
    if (isLang(lang)) reply.setCookie(LANG_COOKIE, lang, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: YEAR_S });
    const back = field(request.body, 'back', { optional: true, max: 512 });
    return reply.redirect(isLocalPath(back) ? back : AUDIT_PATHS.overview, 303);
  });
}
