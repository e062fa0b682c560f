import type { FastifyReply } from 'fastify';
import type { LoginAttempt, Officer } from '../../libs/node/index.js';
import type { NodeAppDeps } from './node-app.js';

export const SESSION_COOKIE = 'accord_session';

export type SignInResult = { ok: true; officer: Officer; cookie: string; csrfToken: string } | { ok: false };

/**
 * One sign-in, for the API and the console alike: the login guard decides, a throttled
 * client's failure is answered late, and both outcomes are counted. A failure says
 * nothing of why.
 */
export async function attemptSignIn(deps: NodeAppDeps, attempt: LoginAttempt): Promise<SignInResult> {
  const result = await deps.loginGuard.attempt(attempt);
  if (!result.ok) {
    deps.metrics.logins.inc({ outcome: 'failed' });
    if (result.delayMs > 0) {
      deps.metrics.loginsThrottled.inc();
      await new Promise((r) => setTimeout(r, result.delayMs));
    }
    return { ok: false };
  }
  deps.metrics.logins.inc({ outcome: 'succeeded' });
  const { cookie, csrfToken } = deps.sessions.create(result.officer.name);
  return { ok: true, officer: result.officer, cookie, csrfToken };
}

export function setSessionCookie(reply: FastifyReply, deps: NodeAppDeps, cookie: string): void {
  reply.setCookie(SESSION_COOKIE, cookie, { httpOnly: true, secure: deps.secureCookies, sameSite: 'strict', path: '/' });
}
