import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { sseFrame } from '../../../libs/node/index.js';
import type { NodeAppDeps } from '../node-app.js';

const KEEPALIVE_MS = 15_000;

export function registerEventRoutes(app: FastifyInstance, deps: NodeAppDeps): void {
  const open = new Set<ServerResponse>();
  // An event stream never ends by itself: the node's stop ends each, or the server would wait on them.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get(
    '/api/v1/events',
    { config: { access: 'read', summary: 'Server-Sent Events: new views (event "view") and decisions on own notices (event "decision")' } },
    (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
      });
      open.add(res);
      let n = 0;
      const unsubscribe = deps.events.subscribe((event) => {
        n += 1;
        res.write(sseFrame(event, String(n)));
      });
      // Written once subscribed: a client that has read it misses no event after it.
      res.write(': connected\n\n');
      // A stream outlives no revocation: its token or session is checked again at each keep-alive.
      const caller = request.caller;
      const stillAllowed = (): boolean =>
        caller?.kind === 'token'
          ? deps.tokens.active(caller.token.name)
          : caller !== undefined && deps.sessions.resolve(caller.cookie) !== undefined;
      const keepalive = setInterval(() => {
        if (stillAllowed()) res.write(': keep-alive\n\n');
        else res.end();
      }, deps.keepaliveMs ?? KEEPALIVE_MS);
      request.raw.on('close', () => {
        clearInterval(keepalive);
        unsubscribe();
        open.delete(res);
      });
    },
  );
}
