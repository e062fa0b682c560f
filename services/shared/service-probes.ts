import { createServer, type Server } from 'node:http';
import type { NatsConnection } from '@nats-io/transport-node';
import { AccordError, errorMessage } from '../../libs/errors/index.js';
import { SETTINGS } from '../../libs/settings/index.js';
import type { AccordMetrics } from '../../libs/metrics/index.js';
import { serveHealth, type HealthReport } from './health-responder.js';

export interface ServiceProbes {
  stop(): Promise<void>;
}

/** Listens, and resolves with the port bound: the one asked for, or the kernel's choice for 0. */
function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is in use' : `cannot be opened: ${errorMessage(error)}`;
      reject(
        new AccordError(
          'E_CONFIG',
          `${SETTINGS.httpHost.name}/${SETTINGS.httpPort.name}: ${host}:${port} ${why}; set ${SETTINGS.httpPort.name} to a free port (0 = any)`,
        ),
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * The service's readiness on the bus (accord.svc.health.<service>, for `stack up` and
 * `accord status`) and, when configured, over HTTP: /healthz (the process answers),
 * /readyz (200 when ready, else 503 with the reason) and /metrics (Prometheus).
 */
export async function serveProbes(
  nc: NatsConnection,
  service: string,
  http: { host: string; port: number } | undefined,
  report: () => HealthReport,
  metrics: AccordMetrics,
): Promise<ServiceProbes> {
  // A connection that is reconnecting is not closed, but the service cannot work meanwhile.
  let connected = true;
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') connected = false;
      else if (status.type === 'reconnect') connected = true;
    }
  })();
  let httpPort: number | undefined;
  const readiness = (): HealthReport => {
    const r = { ...report(), pid: process.pid, ...(httpPort === undefined ? {} : { httpPort }) };
    return connected ? r : { ...r, ready: false, detail: 'NATS connection lost; reconnecting' };
  };
  const health = serveHealth(nc, service, readiness);
  if (!http) {
    return { stop: async () => health.unsubscribe() };
  }
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service, alive: true }));
    } else if (path === '/readyz') {
      const r = readiness();
      res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(r));
    } else if (path === '/metrics') {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${errorMessage(error)}\n`),
      );
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz, /readyz or /metrics\n');
    }
  });
  try {
    httpPort = await listen(server, http.host, http.port);
  } catch (error) {
    health.unsubscribe();
    throw error;
  }
  return {
    stop: async () => {
      health.unsubscribe();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
