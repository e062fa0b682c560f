import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectBus } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { findNatsServer, findRedisServer } from './find-binaries.js';
import { StopWaiting, waitFor } from '../polling/index.js';
import { isRunning, spawnLogged, stopProcess } from './child-process.js';
import { ANY_PORT } from './nats-nodes.js';
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
}

export interface NatsServerOptions extends LocalServerOptions {
  /** The client port to bind; ANY_PORT when absent. */
  port?: number;
  serverName: string;
  /** Renders the server's configuration for a client port (ANY_PORT: the server picks one and reports it). */
  config: (port: number) => string;
  /** A cluster node's route port, which the server must have bound too. */
  routePort?: number;
  /** What the readiness probe connects with: the stack's CA and the operator's credential. */
  probe: { caFile: string; credsFile: string };
}

export interface NatsServer extends LocalServer {
  serverName: string;
}

export function natsConfigFile(dir: string): string {
  return join(dir, 'nats-server.conf');
}

/** What nats-server writes to `ports_file_dir` once listening: each listener's URLs. */
interface PortsFile {
  nats?: string[];
  cluster?: string[];
}

function portOf(urls: string[] | undefined): number | undefined {
  const port = urls?.[0] ? Number(new URL(urls[0]).port) : NaN;
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

function readFrom(file: string, offset: number): string {
  return existsSync(file) ? readFileSync(file).subarray(offset).toString('utf8') : '';
}

/**
 * Why a nats-server exited during start-up, from what it logged: a port taken between
 * picking and binding is E_PORT_IN_USE, with the listener in `path` (`port` or
 * `cluster.listen`) so that the caller can pick another.
 */
function startFailure(log: string, logFile: string, routePort: number | undefined): AccordError {
  const inUse = /listen tcp [^:]+:(\d+): bind: address already in use/.exec(log);
  if (inUse) {
    const port = Number(inUse[1]);
    return new AccordError('E_PORT_IN_USE', `nats-server: port ${port} is in use`, {
      path: port === routePort ? 'cluster.listen' : 'port',
    });
  }
  const last = log.trimEnd().split('\n').slice(-3).join('\n');
  return new AccordError('E_STATE', `nats-server exited during start-up (log: ${logFile}):\n${last}`);
}

/**
 * Starts nats-server on `port` (ANY_PORT: one it picks itself) and waits until it has
 * written its ports file and answers the probe; resolves with its pid and client port.
 */
async function launchNats(
  binary: string,
  configFile: string,
  options: NatsServerOptions,
  port: number,
): Promise<{ pid: number; port: number }> {
  writeFileSync(configFile, options.config(port), { mode: 0o600 });
  const logOffset = existsSync(options.logFile) ? statSync(options.logFile).size : 0;
  const { pid } = spawnLogged(binary, ['-c', configFile], options.logFile, { detached: options.detached ?? false });
  const portsFile = join(options.dir, `nats-server_${pid}.ports`);
  const bound = await waitFor(`nats-server (log: ${options.logFile})`, 20_000, async () => {
    if (!isRunning(pid)) throw new StopWaiting(startFailure(readFrom(options.logFile, logOffset), options.logFile, options.routePort));
    if (!existsSync(portsFile)) return undefined;
    const ports = JSON.parse(readFileSync(portsFile, 'utf8')) as PortsFile;
    const client = portOf(ports.nats);
    if (client === undefined || (options.routePort !== undefined && portOf(ports.cluster) === undefined)) return undefined;
    const url = `tls://127.0.0.1:${client}`;
    const nc = await connectBus({ url, name: 'accord-probe', reconnect: false, ...options.probe });
    await nc.close();
    return client;
  });
  return { pid, port: bound };
}

/**
 * A nats-server with JetStream on a loopback port (TLS, JWT users), its store in `dir`.
 * Without a port it binds any free one (`port: -1`) and reports it in its ports file, so
 * no port passes between picking and binding; the configuration then keeps the port
 * bound, so a restart finds it again and reconnecting clients find the server.
 */
export async function startNatsServer(options: NatsServerOptions): Promise<NatsServer> {
  const binary = findNatsServer();
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const configFile = natsConfigFile(options.dir);
  const launch = (port: number) => launchNats(binary.path, configFile, options, port);
  const first = await launch(options.port ?? ANY_PORT);
  // The file names the port bound from now on, as it will on a restart or a reload.
  writeFileSync(configFile, options.config(first.port), { mode: 0o600 });
  const server: NatsServer = {
    url: `tls://127.0.0.1:${first.port}`,
    port: first.port,
    pid: first.pid,
    serverName: options.serverName,
    async restart() {
      server.pid = (await launch(server.port)).pid;
    },
    async stop() {
      await stopProcess(server.pid);
    },
  };
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

export interface RedisServer extends Omit<LocalServer, 'port'> {
  /** Its Unix socket: Redis listens on no TCP port at all. */
  socket: string;
}

/** Longest socket path the kernel takes (sun_path is 108 bytes, with its terminating NUL). */
const MAX_SOCKET_PATH = 107;

/**
 * Where Redis's socket goes: in `dir` (0700, the stack's owner only) unless that path is
 * too long for a socket or holds characters a redis URL cannot carry; then in a folder of
 * the temporary directory named after `dir`, equally private.
 */
function redisSocketPath(dir: string): string {
  const inDir = join(dir, 'redis.sock');
  if (Buffer.byteLength(inDir) <= MAX_SOCKET_PATH && /^[\w./-]+$/.test(inDir)) return inDir;
  const fallback = join(tmpdir(), `accord-redis-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`);
  mkdirSync(fallback, { recursive: true, mode: 0o700 });
  return join(fallback, 'redis.sock');
}

/**
 * A redis-server with a password and an append-only file in `dir`, on a Unix socket: no
 * TCP port to pick, so none can be taken between picking and binding, and none is open
 * to the machine's other users.
 */
export async function startRedisServer(options: LocalServerOptions & { password: string }): Promise<RedisServer> {
  const binary = findRedisServer();
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const socket = redisSocketPath(options.dir);
  const configFile = join(options.dir, 'redis.conf');
  writeFileSync(configFile, redisConfig({ socket, dir: options.dir, password: options.password }), { mode: 0o600 });
  const url = redisSocketUrl(socket, options.password);
  const server: RedisServer = {
    url,
    socket,
    pid: 0,
    async restart() {
      server.pid = spawnLogged(binary.path, [configFile], options.logFile, { detached: options.detached ?? false }).pid;
      await waitFor(`redis-server on ${socket} (log: ${options.logFile})`, 20_000, async () => {
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

/** ioredis reads a `unix:` URL's path as the socket, and its `password` parameter. */
function redisSocketUrl(socket: string, password: string): string {
  return `unix://${socket}?password=${encodeURIComponent(password)}`;
}
