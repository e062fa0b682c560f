import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectBus } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { findNatsServer, findRedisServer } from './find-binaries.js';
import { spawnLogged, stopProcess, waitFor } from './child-process.js';
import { freePort } from './free-port.js';
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

export interface NatsServerOptions extends LocalServerOptions {
  /** Renders the server's configuration for the port it will listen on. */
  config: (port: number) => string;
  /** What the readiness probe connects with: the stack's CA and the operator's credential. */
  probe: { caFile: string; credsFile: string };
}

export function natsConfigFile(dir: string): string {
  return join(dir, 'nats-server.conf');
}

/** A nats-server with JetStream on a free loopback port (TLS, nkey users), its store in `dir`. */
export async function startNatsServer(options: NatsServerOptions): Promise<LocalServer> {
  const binary = findNatsServer();
  const port = options.port ?? (await freePort());
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const configFile = natsConfigFile(options.dir);
  writeFileSync(configFile, options.config(port), { mode: 0o600 });
  const url = `tls://127.0.0.1:${port}`;
  const server: LocalServer = {
    url,
    port,
    pid: 0,
    async restart() {
      server.pid = spawnLogged(binary.path, ['-c', configFile], options.logFile, { detached: options.detached ?? false }).pid;
      await waitFor(`nats-server on port ${port} (log: ${options.logFile})`, 20_000, async () => {
        const nc = await connectBus({ url, name: 'accord-probe', reconnect: false, ...options.probe });
        await nc.close();
        return true;
      });
    },
    async stop() {
      await stopProcess(server.pid);
    },
  };
  await server.restart();
  return server;
}

function reloadCount(logFile: string): number {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8').split('Reloaded server configuration').length - 1 : 0;
}

/**
 * Rewrites a running nats-server's configuration and has it reload (SIGHUP): users added,
 * removed or given new keys take effect at once, without a restart, and connections of
 * removed users are closed.
 */
export async function reloadNatsServer(pid: number, configFile: string, config: string, logFile: string): Promise<void> {
  const before = reloadCount(logFile);
  writeFileSync(configFile, config, { mode: 0o600 });
  try {
    process.kill(pid, 'SIGHUP');
  } catch (error) {
    throw new AccordError('E_STATE', `nats-server (pid ${pid}) is not running: start the stack first`, { cause: error });
  }
  await waitFor(`nats-server configuration reload (log: ${logFile})`, 10_000, async () =>
    reloadCount(logFile) > before ? true : undefined,
  );
}

/** A redis-server with a password and an append-only file in `dir`, on a free loopback port. */
export async function startRedisServer(options: LocalServerOptions & { password: string }): Promise<LocalServer> {
  const binary = findRedisServer();
  const port = options.port ?? (await freePort());
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const configFile = join(options.dir, 'redis.conf');
  writeFileSync(configFile, redisConfig({ port, dir: options.dir, password: options.password }), { mode: 0o600 });
  const url = `redis://:${encodeURIComponent(options.password)}@127.0.0.1:${port}`;
  const server: LocalServer = {
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
