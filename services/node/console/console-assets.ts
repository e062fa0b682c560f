import type { FastifyInstance } from 'fastify';
import { CONSOLE_CSS, CONSOLE_JS } from '../../../libs/console/index.js';

/** The console's only script and stylesheet, from the package itself: nothing is fetched from elsewhere. */
export function registerConsoleAssets(app: FastifyInstance): void {
  app.get('/assets/console.css', { config: { summary: "the console's stylesheet" } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(CONSOLE_CSS),
  );
  app.get('/assets/console.js', { config: { summary: "the console's script" } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(CONSOLE_JS),
  );
}
