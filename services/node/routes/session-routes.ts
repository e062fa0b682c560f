import type { FastifyInstance } from 'fastify';
import { AccordError, isAccordError } from '../../../libs/errors/index.js';
import { apiSchemas, problem } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { attemptSignIn, SESSION_COOKIE, setSessionCookie } from '../sign-in.js';
import { sendProblem } from '../node-app.js';

/** The one answer to every failed sign-in, whatever the cause: nothing tells a locked account from an unknown name. */
const LOGIN_FAILED = problem('E_LOGIN_FAILED', 'the name, password or one-time code is wrong, or this account cannot sign in now');

interface LoginBody {
  name: string;
  password: string;
  totp?: string;
}

export function registerSessionRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  app.post<{ Body: LoginBody }>(
    '/api/v1/session',
    { schema: { body: apiSchemas.loginBody }, config: { summary: 'sign in: sets the session cookie, answers the CSRF token' } },
    async (request, reply) => {
      const { name, password, totp } = request.body;
      const result = await attemptSignIn(deps, { name, password, client: request.ip, ...(totp !== undefined ? { totp } : {}) });
      if (!result.ok) return sendProblem(reply, LOGIN_FAILED);
      setSessionCookie(reply, deps, result.cookie);
      return {
        officer: result.officer.name,
        role: result.officer.role,
        csrfToken: result.csrfToken,
        passwordChangeRequired: result.officer.passwordChangeRequired,
      };
    },
  );

  app.get('/api/v1/session', { config: { access: 'session', summary: 'who is signed in' } }, async (request) => {
    if (request.caller?.kind !== 'officer') throw new AccordError('E_UNAUTHENTICATED', 'no session');
    const { officer, csrfToken, passwordChangeRequired, createdAt } = request.caller.session;
    return { officer: officer.name, role: officer.role, csrfToken, passwordChangeRequired, createdAt };
  });

  app.delete('/api/v1/session', { config: { access: 'session', summary: 'sign out' } }, async (request, reply) => {
    if (request.caller?.kind === 'officer') deps.sessions.end(request.caller.cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post<{ Body: { currentPassword?: string; newPassword: string } }>(
    '/api/v1/session/password',
    { schema: { body: apiSchemas.passwordBody }, config: { access: 'session', summary: "change the signed-in officer's password" } },
    async (request, reply) => {
      if (request.caller?.kind !== 'officer') throw new AccordError('E_UNAUTHENTICATED', 'no session');
      const { officer, passwordChangeRequired } = request.caller.session;
      const name = officer.name;
      // A session from the one-time password (good for that one sign-in) changes it without it.
      const current = request.body.currentPassword;
      if (!passwordChangeRequired && (current === undefined || !(await deps.officers.checkPassword(name, current)))) {
        return sendProblem(reply, problem('E_FORBIDDEN', 'the current password is wrong', 'body/currentPassword'));
      }
      try {
        await deps.officers.setPassword(name, request.body.newPassword);
      } catch (error) {
        if (isAccordError(error) && error.code === 'E_USAGE')
          throw new AccordError('E_REQUEST_INVALID', error.message, { path: 'body/newPassword' });
        throw error;
      }
      return reply.code(204).send();
    },
  );
}
