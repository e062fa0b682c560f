import { AccordError } from '../../libs/errors/index.js';
import type { ApiToken, Session, TokenScope } from '../../libs/node/index.js';
import { sameToken } from './same-token.js';

/** Who is calling: an officer signed in through a session, or a system with an API token. */
export type Caller = { kind: 'officer'; session: Session; cookie: string } | { kind: 'token'; token: ApiToken };

/**
 * What a route needs. `read`, `publish`, `receipt`: a token with that scope, or an
 * officer whose role allows it (publishing takes a supervisor); `admin`: an admin's
 * session (tokens never manage accounts); `session`: any signed-in officer.
 */
export type Access = 'public' | 'session' | 'read' | 'publish' | 'receipt' | 'admin';

const ROLE_ALLOWS: Record<'officer' | 'supervisor' | 'admin', readonly Access[]> = {
  officer: ['session', 'read', 'receipt'],
  supervisor: ['session', 'read', 'receipt', 'publish'],
  admin: ['session', 'admin'],
};

/** The name a read, a receipt or a submission is recorded under. */
export function readerOf(caller: Caller): `officer:${string}` | `token:${string}` {
  return caller.kind === 'officer' ? `officer:${caller.session.officer.name}` : `token:${caller.token.name}`;
}

export function assertAllowed(caller: Caller | undefined, access: Access): void {
  if (access === 'public') return;
  if (!caller) throw new AccordError('E_UNAUTHENTICATED', 'sign in (POST /api/v1/session) or send Authorization: Bearer <token>');
  if (caller.kind === 'token') {
    if (access === 'session' || access === 'admin' || !caller.token.scopes.includes(access as TokenScope)) {
      throw new AccordError('E_FORBIDDEN', `this token has no ${access} scope (it has ${caller.token.scopes.join(', ')})`);
    }
    return;
  }
  const { officer, passwordChangeRequired } = caller.session;
  if (passwordChangeRequired && access !== 'session') {
    throw new AccordError('E_FORBIDDEN', 'change the one-time password first (POST /api/v1/session/password)');
  }
  if (!ROLE_ALLOWS[officer.role].includes(access)) throw new AccordError('E_FORBIDDEN', `a ${officer.role} may not do this (${access})`);
}

/** A session's state-changing request must carry its CSRF token (a Bearer token needs none: no browser sends it by itself). */
export function assertCsrf(caller: Caller | undefined, method: string, header: string | string[] | undefined): void {
  if (caller?.kind !== 'officer' || method === 'GET' || method === 'HEAD') return;
  if (!sameToken(typeof header === 'string' ? header : '', caller.session.csrfToken)) {
    throw new AccordError('E_FORBIDDEN', 'missing or wrong X-CSRF-Token header (the token sign-in gave)', { path: 'headers/x-csrf-token' });
  }
}
