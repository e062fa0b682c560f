import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, renderError, type AdminModel, type PageContext } from '../../../libs/console/index.js';
import { AccordError, isAccordError } from '../../../libs/errors/index.js';
import { isOfficerRole, parseScopes } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';
import { pageContext, refuseWithoutCsrf, requireOfficer, type ConsoleSession } from './console-session.js';
import { field, fields } from '../../shared/form-body.js';

const HTML = 'text/html; charset=utf-8';

/** The admins' page: officers and API tokens. What is created is shown once, on the answer to the form. */
export function registerConsoleAdminRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const forbidden = (ctx: PageContext): string => renderError(ctx, 403, 'error.forbidden');
  const admin = (request: FastifyRequest, reply: FastifyReply): ConsoleSession | undefined =>
    requireOfficer(request, reply, deps, ['admin'], forbidden);
  const model = (created?: AdminModel['created']): AdminModel => ({
    officers: deps.officers.list().map((o) => ({ name: o.name, role: o.role, disabled: o.disabled, createdAt: o.createdAt })),
    tokens: deps.tokens.list().map((t) => ({
      name: t.name,
      scopes: t.scopes,
      revoked: t.revoked,
      createdAt: t.createdAt,
      ...(t.lastUsedAt ? { lastUsedAt: t.lastUsedAt } : {}),
    })),
    ...(created ? { created } : {}),
  });
  /** A form's change, done only with the session's CSRF token; a refusal of the stores (a name taken) is the page's message. */
  const change = async (
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<AdminModel['created'] | undefined>,
  ): Promise<FastifyReply> => {
    const signedIn = admin(request, reply);
    if (!signedIn) return reply;
    const ctx = pageContext(request, deps, signedIn);
    const refused = refuseWithoutCsrf(request, reply, ctx, signedIn);
    if (refused) return refused;
    try {
      const created = await work();
      // A created secret is shown on this answer only; anything else goes back to the page.
      if (created) return reply.type(HTML).send(renderAdmin(ctx, model(created)));
      return reply.redirect('/admin', 303);
    } catch (error) {
      if (!isAccordError(error)) throw error;
      const key = error.code === 'E_EXISTS' ? 'error.nameTaken' : error.code === 'E_NOT_FOUND' ? 'error.notFound' : 'error.nameInvalid';
      return reply
        .code(error.code === 'E_EXISTS' ? 409 : 400)
        .type(HTML)
        .send(renderAdmin({ ...ctx, flash: { kind: 'error', messageKey: key } }, model()));
    }
  };

  app.get('/admin', { config: { summary: 'the console: officers and API tokens (admins)' } }, async (request, reply) => {
    const signedIn = admin(request, reply);
    if (!signedIn) return reply;
    return reply.type(HTML).send(renderAdmin(pageContext(request, deps, signedIn), model()));
  });

  app.post('/admin/officers', { config: { summary: 'the console: add an officer (form)' } }, (request, reply) =>
    change(request, reply, async () => {
      const name = field(request.body, 'name', { max: 64 }) ?? '';
      const role = field(request.body, 'role', { max: 16 }) ?? '';
      if (!isOfficerRole(role)) throw new AccordError('E_USAGE', `role ${role}: expected officer, supervisor or admin`);
      const added = await deps.officers.add(name, role);
      return { kind: 'officer', name, oneTimePassword: added.oneTimePassword, ...(added.totpUri ? { totpUri: added.totpUri } : {}) };
    }),
  );

  app.post<{ Params: { name: string } }>(
    '/admin/officers/:name/disable',
    { config: { summary: 'the console: disable an officer (form)' } },
    (request, reply) =>
      change(request, reply, async () => {
        deps.officers.disable(request.params.name);
        return undefined;
      }),
  );

  app.post('/admin/tokens', { config: { summary: 'the console: create an API token (form)' } }, (request, reply) =>
    change(request, reply, async () => {
      const name = field(request.body, 'name', { max: 64 }) ?? '';
      const { token } = deps.tokens.create(name, parseScopes(fields(request.body, 'scopes').join(',')));
      return { kind: 'token', name, token };
    }),
  );

  app.post<{ Params: { name: string } }>(
    '/admin/tokens/:name/revoke',
    { config: { summary: 'the console: revoke an API token (form)' } },
    (request, reply) =>
      change(request, reply, async () => {
        deps.tokens.revoke(request.params.name);
        return undefined;
      }),
  );
}
