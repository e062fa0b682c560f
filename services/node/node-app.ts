import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AccordError } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import {
  problem,
  problemFromError,
  PROBLEM_CONTENT_TYPE,
  type AccessLog,
  type EventHub,
  type LoginGuard,
  type NodeViewStore,
  type OfficerStore,
  type Problem,
  type RouteDescription,
  type SessionStore,
  type SubmissionStore,
  type TokenStore,
} from '../../libs/node/index.js';
import type { SigningKey } from '../../libs/signing/index.js';
import { assertAllowed, assertCsrf, type Access, type Caller } from './caller.js';
import type { NodeBus } from './node-bus.js';
import type { NodeMetrics } from './node-metrics.js';
import { consoleHelmetOptions } from '../shared/console-security.js';
import { sendConsoleError } from './console/console-errors.js';
import { registerConsole } from './console/register-console.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerEventRoutes } from './routes/event-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerNoticeRoutes } from './routes/notice-routes.js';
import { registerRelationRoutes } from './routes/relation-routes.js';
import { registerSessionRoutes } from './routes/session-routes.js';
import { SESSION_COOKIE } from './sign-in.js';
import { registerViewRoutes } from './routes/view-routes.js';
import { registerWidenRoutes } from './routes/widen-routes.js';
import { registerStatisticsRoutes } from './routes/statistics-routes.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    summary?: string;
  }
  interface FastifyRequest {
    caller: Caller | undefined;
  }
}

export interface NodeAppDeps {
  agency: string;
  signingKey: SigningKey;
  views: NodeViewStore;
  submissions: SubmissionStore;
  access: AccessLog;
  officers: OfficerStore;
  sessions: SessionStore;
  tokens: TokenStore;
  loginGuard: LoginGuard;
  bus: NodeBus;
  events: EventHub;
  metrics: NodeMetrics;
  log: Logger;
  /** Ready to serve: database open, bus connected and the deliveries pulled. */
  ready(): boolean;
  /** Cookies marked Secure: always but on plain HTTP, which only a loopback address may use. */
  secureCookies: boolean;
  /** How often an event stream says it is alive and checks its caller still may read (default 15 s). */
  keepaliveMs?: number;
  /** How long POST /notices waits for ingest's decision before answering `pending`. */
  decisionWaitMs: number;
  version: string;
  /** Certificate and key: HTTPS; absent, plain HTTP (loopback only, checked before). */
  https?: { cert: Buffer; key: Buffer };
}

/** Bodies above this are refused before parsing (413): a notice is far smaller. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const registered = new WeakMap<FastifyInstance, readonly RouteDescription[]>();

/** The routes an app built by buildNodeApp registered, as the OpenAPI document describes them. */
export function registeredRoutes(app: FastifyInstance): readonly RouteDescription[] {
  return registered.get(app) ?? [];
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(p);
}

/** Fastify's own refusals (validation, parsing, size) as problems naming the part of the request. */
function fastifyProblem(error: FastifyError): Problem {
  if (error.validation && error.validation.length > 0) {
    const [first] = error.validation;
    const part = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' }[error.validationContext ?? 'body'] ?? 'body';
    const extra = first?.params.additionalProperty ?? first?.params.missingProperty;
    const path = `${part}${first?.instancePath ?? ''}${typeof extra === 'string' ? `/${extra}` : ''}`;
    const what = first?.keyword === 'additionalProperties' ? `unknown field ${String(extra)}` : (first?.message ?? 'is not valid');
    return problem('E_REQUEST_INVALID', `${path}: ${what}`, path);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('E_TOO_LARGE', `the body is larger than ${BODY_LIMIT_BYTES} bytes`, 'body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('E_REQUEST_INVALID', 'send the body as application/json', 'headers/content-type', 415);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('E_REQUEST_INVALID', 'the JSON body is empty', 'body');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem('E_REQUEST_INVALID', 'the body is not valid JSON', 'body');
    default:
      return (error.statusCode ?? 500) < 500
        ? problem('E_REQUEST_INVALID', error.message, undefined, error.statusCode)
        : problem('E_PROCESSING_FAILED', 'the node failed to process the request; its log says why', undefined, 500);
  }
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
  if (!match) throw new AccordError('E_UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', { path: 'headers/authorization' });
  return match[1];
}

function identify(request: FastifyRequest, deps: NodeAppDeps): Caller | undefined {
  const bearer = bearerOf(request);
  if (bearer !== undefined) {
    const token = deps.tokens.resolve(bearer);
    deps.metrics.tokenUses.inc({ outcome: token ? 'accepted' : 'refused' });
    if (!token) throw new AccordError('E_UNAUTHENTICATED', 'this token is unknown or revoked');
    return { kind: 'token', token };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined) return undefined;
  const session = deps.sessions.resolve(cookie);
  if (!session) throw new AccordError('E_UNAUTHENTICATED', 'the session has ended or is not of this node: sign in again');
  return { kind: 'officer', session, cookie };
}

/**
 * The node's HTTP API. Every route declares who may call it (`config.access`); the hook
 * below identifies the caller, checks that and the CSRF token before any handler runs,
 * and every refusal is an RFC 9457 problem. The routes are collected as registered: the
 * OpenAPI document is made from them.
 */
export async function buildNodeApp(deps: NodeAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    // Unknown fields are refused, not stripped; nothing is coerced to another type.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    return503OnClosing: true,
    // HTTPS when given a certificate: the same handler either way.
    serverFactory: (handler) => (deps.https ? (createHttpsServer(deps.https, handler) as unknown as Server) : createHttpServer(handler)),
    clientErrorHandler: (_error, socket) => {
      const body = JSON.stringify(problem('E_REQUEST_INVALID', 'the request is not valid HTTP (a header or the request line)'));
      if (socket.writable) {
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
    },
  });
  const routes: RouteDescription[] = [];
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({
        method,
        url: route.url,
        summary: route.config?.summary ?? '',
        access: route.config?.access ?? 'public',
        schema: (route.schema ?? {}) as RouteDescription['schema'],
      });
    }
  });
  await app.register(fastifyHelmet, consoleHelmetOptions({ https: deps.https !== undefined, hsts: deps.secureCookies }));
  await app.register(fastifyCookie);
  // JSON only: a text body is refused (415), not handed to a route as a string.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('caller', undefined);

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public') return;
    request.caller = identify(request, deps);
    assertAllowed(request.caller, access);
    assertCsrf(request.caller, request.method, request.headers['x-csrf-token']);
  });
  app.addHook('onResponse', async (request, reply) => {
    // Only a served request counts as a use: a refused one leaves the database as it was.
    const caller = request.caller;
    if (caller && reply.statusCode < 400) {
      if (caller.kind === 'token') deps.tokens.touch(caller.token.name);
      else deps.sessions.touch(caller.cookie);
    }
    deps.metrics.requests.inc({ route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
    deps.log.info('request', { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode });
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const p = error instanceof AccordError ? problemFromError(error) : fastifyProblem(error);
    if (p.status >= 500) deps.log.error('request failed', { error: error.message });
    return sendConsoleError(request, reply, deps, p) ?? sendProblem(reply, p);
  });
  app.setNotFoundHandler((request, reply) => {
    const p = problem('E_NOT_FOUND', 'no such route (see /api/v1/openapi.json)', 'path');
    return sendConsoleError(request, reply, deps, p) ?? sendProblem(reply, p);
  });

  registerHealthRoutes(app, deps, () => routes);
  registerSessionRoutes(app, deps);
  registerNoticeRoutes(app, deps);
  registerRelationRoutes(app, deps);
  registerViewRoutes(app, deps);
  registerWidenRoutes(app, deps);
  registerStatisticsRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerConsole(app, deps);
  return app;
}
