import { createServer } from 'node:net';
import { AccordError } from '../errors/index.js';
import type { ListenAddress } from '../node/index.js';

type Attempt = { port: number } | { error: string };

function tryListen(host: string, port: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve({ port: bound }));
    });
  });
}

/**
 * `host:preferredPort` when nothing listens there, else a free port on `host`; on
 * 127.0.0.1 instead when `host` is no address of this machine (a loopback other than
 * 127.0.0.1 is Linux's, not every system's). Nothing holds the port afterwards: the
 * process started with it binds it a moment later.
 */
export async function freeListen(host: string, preferredPort: number): Promise<ListenAddress> {
  for (const candidate of host === '127.0.0.1' ? [host] : [host, '127.0.0.1']) {
    for (const port of [preferredPort, 0]) {
      const attempt = await tryListen(candidate, port);
      if ('port' in attempt) return { host: candidate, port: attempt.port };
      if (attempt.error !== 'EADDRINUSE') break;
    }
  }
  throw new AccordError('E_PORT_IN_USE', `no free port on ${host} or 127.0.0.1`);
}
