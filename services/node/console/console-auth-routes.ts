import type { FastifyInstance } from 'fastify';
import { isLang, renderPasswordChange, renderSignIn } from '../../../libs/console/index.js';
import { isAccordError } from '../../../libs/errors/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { attemptSignIn, SESSION_COOKIE, setSessionCookie } from '../sign-in.js';
import { formCsrfValid, LANG_COOKIE, pageContext, refuseWithoutCsrf, sessionOf } from './console-session.js';
import { field } from '../../shared/form-body.js';

const HTML = 'text/html; charset=utf-8';
const YEAR_S = 365 * 24 * 3600;

/** Only a path of this console may be gone back to: no other origin, no scheme. */
function safeBack(value: string | undefined): string {
  return value !== undefined && /^\/[A-Za-z0-9/_.~%?=&-]*$/.test(value) && !value.startsWith('//') ? value : '/';
}

export function registerConsoleAuthRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  app.get('/', { config: { summary: 'the console: the inbox, or the admin page for an admin' } }, async (request, reply) => {
    const signedIn = sessionOf(request, deps);
    if (!signedIn) return reply.redirect('/sign-in', 303);
    return reply.redirect(signedIn.session.officer.role === 'admin' ? '/admin' : '/inbox', 303);
  });

  app.get('/sign-in', { config: { summary: 'the console: sign-in page' } }, async (request, reply) =>
    reply.type(HTML).send(renderSignIn(pageContext(request, deps), {})),
  );

  app.post('/sign-in', { config: { summary: 'the console: sign in (form)' } }, async (request, reply) => {
    const ctx = pageContext(request, deps);
    const name = field(request.body, 'name', { optional: true, max: 64 }) ?? '';
    const password = field(request.body, 'password', { optional: true }) ?? '';
    const totp = field(request.body, 'totp', { optional: true, max: 6 });
    const result = await attemptSignIn(deps, { name, password, client: request.ip, ...(totp !== undefined ? { totp } : {}) });
    if (!result.ok)
      return reply
        .code(401)
        .type(HTML)
        .send(renderSignIn(ctx, { failed: true, name }));
    setSessionCookie(reply, deps, result.cookie);
    return reply.redirect(result.officer.passwordChangeRequired ? '/password' : '/', 303);
  });

  app.post('/sign-out', { config: { summary: 'the console: sign out (form)' } }, async (request, reply) => {
    const signedIn = sessionOf(request, deps);
    if (signedIn && formCsrfValid(request.body, signedIn)) deps.sessions.end(signedIn.cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in', 303);
  });

  app.get('/password', { config: { summary: 'the console: change password page' } }, async (request, reply) => {
    const signedIn = sessionOf(request, deps);
    if (!signedIn) return reply.redirect('/sign-in', 303);
    return reply
      .type(HTML)
      .send(renderPasswordChange(pageContext(request, deps, signedIn), { oneTime: signedIn.session.passwordChangeRequired }));
  });

  app.post('/password', { config: { summary: 'the console: change password (form)' } }, async (request, reply) => {
    const signedIn = sessionOf(request, deps);
    if (!signedIn) return reply.redirect('/sign-in', 303);
    const ctx = pageContext(request, deps, signedIn);
    const oneTime = signedIn.session.passwordChangeRequired;
    const refused = refuseWithoutCsrf(request, reply, ctx, signedIn);
    if (refused) return refused;
    const name = signedIn.session.officer.name;
    const current = field(request.body, 'currentPassword', { optional: true });
    if (!oneTime && (current === undefined || !(await deps.officers.checkPassword(name, current)))) {
      return reply
        .code(403)
        .type(HTML)
        .send(renderPasswordChange(ctx, { oneTime, failed: 'error.passwordWrong' }));
    }
    try {
      await deps.officers.setPassword(name, field(request.body, 'newPassword', { optional: true }) ?? '');
    } catch (error) {
      if (isAccordError(error) && error.code === 'E_USAGE') {
        return reply
          .code(400)
          .type(HTML)
          .send(renderPasswordChange(ctx, { oneTime, failed: 'error.passwordRule' }));
      }
      throw error;
    }
    // The one-time session ends with the one-time password: sign in with the new one.
    if (oneTime) {
      deps.sessions.end(signedIn.cookie);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/sign-in', 303);
    }
    return reply.redirect('/', 303);
  });

  app.post('/lang', { config: { summary: 'the console: choose the language (form)' } }, async (request, reply) => {
    const lang = field(request.body, 'lang', { optional: true, max: 2 });
    const signedIn = sessionOf(request, deps);
    // Signed in, the choice is a state change like any other: it needs the form's token.
    if (isLang(lang) && (!signedIn || formCsrfValid(request.body, signedIn))) {
      reply.setCookie(LANG_COOKIE, lang, { httpOnly: true, secure: deps.secureCookies, sameSite: 'strict', path: '/', maxAge: YEAR_S });
    }
    return reply.redirect(safeBack(field(request.body, 'back', { optional: true, max: 512 })), 303);
  });
}
