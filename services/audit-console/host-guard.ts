import type { FastifyInstance } from 'fastify';

/**
 * Answers only requests addressed to the console itself: a Host header that is not the
 * address it listens on (a DNS-rebinding page naming its own host) gets 421, and a POST
 * sent from another origin (a page elsewhere submitting a form here) gets 403. The
 * console has no sign-in: on loopback, this is what keeps other web pages out.
 */
export function registerHostGuard(app: FastifyInstance, allowedHosts: ReadonlySet<string>): void {
  app.addHook('onRequest', async (request, reply) => {
    const host = (request.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) {
      return reply.code(421).type('text/plain; charset=utf-8').send('this console answers only at the address it listens on\n');
    }
    if (request.method === 'GET' || request.method === 'HEAD') return undefined;
    // A browser says where a request comes from in Sec-Fetch-Site; else its Origin must be ours.
    const site = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    const sameOrigin = site !== undefined ? site === 'same-origin' || site === 'none' : origin === undefined || origin === `http://${host}`;
    if (!sameOrigin)
      return reply.code(403).type('text/plain; charset=utf-8').send('a form of this console may be sent from its own pages only\n');
    return undefined;
  });
}

/** The Host values a console listening on host:port answers to (localhost too, for a loopback address). */
export function hostsFor(host: string, port: number): Set<string> {
  const literal = host.includes(':') ? `[${host}]` : host;
  return new Set([`${literal}:${port}`.toLowerCase(), `localhost:${port}`]);
}
