import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseLang, renderError, type Lang, type PageContext, type Role } from '../../../libs/console/index.js';
import type { Session } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { sameToken } from '../same-token.js';
import { SESSION_COOKIE } from '../sign-in.js';
import { field } from '../../shared/form-body.js';

export const LANG_COOKIE = 'accord_lang';

/** The officer's language: chosen in the console (a cookie), else the browser's first of ours, else English. */
export function langOf(request: FastifyRequest): Lang {
  return chooseLang(request.cookies[LANG_COOKIE], request.headers['accept-language']);
}

export interface ConsoleSession {
  session: Session;
  cookie: string;
}

export function sessionOf(request: FastifyRequest, deps: NodeAppDeps): ConsoleSession | undefined {
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined) return undefined;
  const session = deps.sessions.resolve(cookie);
  return session ? { session, cookie } : undefined;
}

export function pageContext(request: FastifyRequest, deps: NodeAppDeps, signedIn?: ConsoleSession): PageContext {
  return {
    lang: langOf(request),
    agency: deps.agency,
    ...(signedIn
      ? { officer: { name: signedIn.session.officer.name, role: signedIn.session.officer.role }, csrfToken: signedIn.session.csrfToken }
      : {}),
  };
}

/** A form that changes state must carry the session's CSRF token (SameSite=Strict is the first line, this the second). */
export function formCsrfValid(form: unknown, signedIn: ConsoleSession): boolean {
  return sameToken(field(form, '_csrf', { optional: true }) ?? '', signedIn.session.csrfToken);
}

/** The 403 page for a form without the session's CSRF token, already sent; undefined when the form carries it. */
export function refuseWithoutCsrf(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: PageContext,
  signedIn: ConsoleSession,
): FastifyReply | undefined {
  if (formCsrfValid(request.body, signedIn)) return undefined;
  return reply
    .code(403)
    .type('text/html; charset=utf-8')
    .send(renderError(ctx, 403, 'error.csrf'));
}

/**
 * The signed-in officer for a page, or the answer already sent: no session goes to the
 * sign-in page; a session from a one-time password to the password change; a role the
 * page is not for gets 403.
 */
export function requireOfficer(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: NodeAppDeps,
  roles: readonly Role[],
  render403: (ctx: PageContext) => string,
): ConsoleSession | undefined {
  const signedIn = sessionOf(request, deps);
  if (!signedIn) {
    void reply.redirect('/sign-in', 303);
    return undefined;
  }
  if (signedIn.session.passwordChangeRequired) {
    void reply.redirect('/password', 303);
    return undefined;
  }
  if (!roles.includes(signedIn.session.officer.role)) {
    void reply
      .code(403)
      .type('text/html; charset=utf-8')
      .send(render403(pageContext(request, deps, signedIn)));
    return undefined;
  }
  deps.sessions.touch(signedIn.cookie);
  return signedIn;
}
