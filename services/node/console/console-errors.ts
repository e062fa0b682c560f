import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderError, type MessageKey } from '../../../libs/console/index.js';
import type { Problem } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { pageContext, sessionOf } from './console-session.js';

const PAGE_OF_STATUS: Record<number, MessageKey> = {
  400: 'error.badRequest',
  401: 'error.unauthenticated',
  403: 'error.forbidden',
  404: 'error.notFound',
  503: 'error.unavailable',
};

/** A browser asking for a page (not the API, not a script's fetch of JSON). */
function wantsPage(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
}

/**
 * The console's error page for a problem met while serving a page, so that an officer
 * sees a page in their language, not a JSON problem; undefined for the API's callers,
 * who get the problem.
 */
export function sendConsoleError(request: FastifyRequest, reply: FastifyReply, deps: NodeAppDeps, p: Problem): FastifyReply | undefined {
  if (!wantsPage(request)) return undefined;
  const signedIn = sessionOf(request, deps);
  return reply
    .code(p.status)
    .type('text/html; charset=utf-8')
    .send(renderError(pageContext(request, deps, signedIn), p.status, PAGE_OF_STATUS[p.status] ?? 'error.internal'));
}
