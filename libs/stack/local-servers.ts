import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { findNatsServer, findRedisServer } from './find-binaries.js';
import { spawnLogged, stopProcess, waitFor } from './child-process.js';
import { freePort } from './free-port.js';
import { natsServerConfig } from './nats-server-config.js';
import { redisConfig } from './redis-config.js';

export interface LocalServer {
  url: string;
  pid: number;
  port: number;
  /** Starts it again on the same port with the same data (after a stop). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalServerOptions {
  dir: string;
  logFile: string;
  detached?: boolean;
  port?: number;
}

async function natsAnswers(url: string): Promise<true> {
  const nc = await connect({ servers: url, reconnect: false, timeout: 1000 });
  await nc.close();
  return true;
}

/** A nats-server with JetStream on a free loopback port, its store in `dir`. */
export async function startNatsServer(options: LocalServerOptions & { syncInterval?: string }): Promise<LocalServer> {
  const binary = findNatsServer();
  const port = options.port ?? (await freePort());
  const storeDir = join(options.dir, 'jetstream');
  mkdirSync(storeDir, { recursive: true });
  const configFile = join(options.dir, 'nats-server.conf');
  const config: Parameters<typeof natsServerConfig>[0] = { port, storeDir, serverName: `accord-${port}` };
  if (options.syncInterval) config.syncInterval = options.syncInterval;
  writeFileSync(configFile, natsServerConfig(config), { mode: 0o600 });
  const url = `nats://127.0.0.1:${port}`;
  const server = {
    url,
    port,
    pid: 0,
    async restart() {
      server.pid = spawnLogged(binary.path, ['-c', configFile], options.logFile, { detached: options.detached ?? false }).pid;
      await waitFor(`nats-server on port ${port} (log: ${options.logFile})`, 20_000, () => natsAnswers(url));
    },
    async stop() {
      await stopProcess(server.pid);
    },
  };
  await server.restart();
  return server;
}

/** A redis-server with an append-only file in `dir` on a free loopback port. */
export async function startRedisServer(options: LocalServerOptions): Promise<LocalServer> {
  const binary = findRedisServer();
  const port = options.port ?? (await freePort());
  mkdirSync(options.dir, { recursive: true });
  const configFile = join(options.dir, 'redis.conf');
  writeFileSync(configFile, redisConfig({ port, dir: options.dir }), { mode: 0o600 });
  const url = `redis://127.0.0.1:${port}`;
  const server = {
    url,
    port,
    pid: 0,
    async restart() {
      server.pid = spawnLogged(binary.path, [configFile], options.logFile, { detached: options.detached ?? false }).pid;
      await waitFor(`redis-server on port ${port} (log: ${options.logFile})`, 20_000, async () => {
        const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        redis.on('error', () => undefined);
        try {
          await redis.connect();
          return (await redis.ping()) === 'PONG' ? true : undefined;
        } finally {
          redis.disconnect();
        }
      });
    },
    async stop() {
      await stopProcess(server.pid);
    },
  };
  await server.restart();
  return server;
}
