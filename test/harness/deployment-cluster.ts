/**
 * A deployment as an operator runs one, not as `stack up` makes one: a 3-node JetStream
 * cluster started here, each server with the resolver configuration `accord deployment
 * keys` wrote, a Redis, and the four built services as processes of their own; all of it
 * administered through a deployment context (`accord deployment init --dir CTX`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { readTrustPublic, trustLayout } from '../../libs/auth/index.js';
import { SERVICES, type ServiceName } from '../../libs/bus/index.js';
import { connectAs, readStackFile, serviceReadiness } from '../../libs/client/index.js';
import { writeSecretFile } from '../../libs/config/index.js';
import { waitFor } from '../../libs/polling/index.js';
import { SETTINGS, type Setting } from '../../libs/settings/index.js';
import { generateSigningKeyPair } from '../../libs/signing/index.js';
import {
  ANY_PORT,
  CLUSTER_NAME,
  ensureTlsMaterial,
  freePort,
  isRunning,
  natsServerConfig,
  packageRoot,
  startNatsServer,
  startRedisServer,
  stopProcess,
  type NatsServer,
  type RedisServer,
} from '../../libs/stack/index.js';
import { runCli } from './run-cli.js';

const NODES = 3;

export interface ClusterNode {
  /** Its `server_name`, which a connection's INFO reports. */
  name: string;
  server: NatsServer;
  /** Its configuration file, which nothing but the test writes. */
  configFile: string;
  /** Its full resolver's store of pushed account JWTs. */
  resolverDir: string;
}

export interface DeploymentCluster {
  /** The deployment context (`--dir`). */
  contextDir: string;
  caFile: string;
  /** The Accord account's public key. */
  account: string;
  nodes: ClusterNode[];
  /** `accord ARGS --dir CTX`; a non-zero exit throws with what it said. */
  admin(...args: string[]): Promise<string>;
  /** The sha256 of each node's configuration file, in node order. */
  configDigests(): string[];
  /** Connects to exactly this node (no other of the cluster is tried) with a credential file. */
  connectTo(node: ClusterNode, credsFile: string): Promise<NatsConnection>;
  dispose(): Promise<void>;
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The `resolver.conf` made by `deployment keys`, with this server's resolver directory where it reads it from the environment. */
function trustSection(keysDir: string, resolverDir: string): string {
  const shipped = readFileSync(trustLayout(keysDir).resolverConf, 'utf8');
  const placeholder = 'dir: $ACCORD_RESOLVER_DIR';
  if (!shipped.includes(placeholder)) throw new Error(`resolver.conf no longer reads ${placeholder}:\n${shipped}`);
  return shipped.replace(placeholder, `dir: ${JSON.stringify(resolverDir)}`);
}

async function startNodes(
  root: string,
  keysDir: string,
  caFile: string,
  stopLater: (stop: () => Promise<void>) => void,
): Promise<ClusterNode[]> {
  const tls = ensureTlsMaterial(join(root, 'tls'));
  const routePorts: number[] = [];
  while (routePorts.length < NODES) routePorts.push(await freePort());
  const nodes: ClusterNode[] = [];
  for (const [i, routePort] of routePorts.entries()) {
    const dir = join(root, `nats-${i + 1}`);
    const name = `accord-node-${i + 1}`;
    const resolverDir = join(dir, 'resolver');
    const server = await startNatsServer({
      dir,
      logFile: join(root, 'logs', `nats-${i + 1}.log`),
      detached: false,
      serverName: name,
      port: ANY_PORT,
      routePort,
      config: (port) =>
        natsServerConfig({
          port,
          storeDir: join(dir, 'jetstream'),
          serverName: name,
          tls,
          trust: trustSection(keysDir, resolverDir),
          portsFileDir: dir,
          cluster: { name: CLUSTER_NAME, port: routePort, peerPorts: routePorts.filter((p) => p !== routePort) },
        }),
      // The system account is preloaded: its user connects before any account is pushed.
      probe: { caFile, credsFile: trustLayout(keysDir).systemUserCreds },
    });
    stopLater(() => server.stop());
    nodes.push({ name, server, configFile: join(dir, 'nats-server.conf'), resolverDir });
  }
  return nodes;
}

/** What `stack up` generates for a stack: the bus's and the audit's signing keys, the bus secret, the pseudonym key. */
async function serviceSecrets(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = async (name: string) => {
    const { privateJwk, publicJwk } = await generateSigningKeyPair();
    writeSecretFile(join(dir, `${name}.jwk`), `${JSON.stringify(privateJwk)}\n`);
    writeFileSync(join(dir, `${name}.jwk.pub`), `${JSON.stringify(publicJwk)}\n`);
    return { privateFile: join(dir, `${name}.jwk`), publicFile: join(dir, `${name}.jwk.pub`) };
  };
  const secrets = {
    bus: await pair('bus-signing'),
    audit: await pair('audit-signing'),
    busSecret: join(dir, 'bus-secret'),
    pseudonym: join(dir, 'pseudonym-key'),
  };
  writeSecretFile(secrets.busSecret, randomBytes(32));
  writeSecretFile(secrets.pseudonym, randomBytes(32));
  return secrets;
}

/** As `stack up` passes it (serviceEnvironment): its own credential, and of the secrets those the settings table gives its stage. */
function serviceEnv(service: ServiceName, values: [Setting, string][]): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_OPTIONS: '--enable-source-maps',
    ...Object.fromEntries(
      values.filter(([setting]) => setting.services.includes(service)).map(([setting, value]) => [setting.name, value]),
    ),
  };
}

function startService(service: ServiceName, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const log = openSync(logFile, 'a');
  return spawn(process.execPath, [join(packageRoot(), 'dist', 'services', service, 'main.js')], { stdio: ['ignore', log, log], env });
}

/** Until every service answers its health subject as ready from the process started for it. */
async function waitForServices(contextDir: string, pids: Map<ServiceName, number>, logs: string): Promise<void> {
  const nc = await connectAs(readStackFile(contextDir), { kind: 'operator' });
  try {
    for (const [service, pid] of pids) {
      await waitFor(`service ${service} (log: ${join(logs, `${service}.log`)})`, 30_000, async () => {
        if (!isRunning(pid)) throw new Error(`${service} exited: see ${join(logs, `${service}.log`)}`);
        const { instances } = await serviceReadiness(nc, service);
        return instances.some((i) => i.pid === pid && i.ready) ? true : undefined;
      });
    }
  } finally {
    await nc.close();
  }
}

/**
 * The keys (`deployment keys`), the servers, Redis, the context (`deployment init`, with
 * 3 replicas), the services' credentials (`service creds`) and the services themselves.
 * Whatever started is stopped again should a later step fail.
 */
export async function startDeploymentCluster(): Promise<DeploymentCluster> {
  const root = mkdtempSync(join(tmpdir(), 'accord-deploy-'));
  const logs = join(root, 'logs');
  mkdirSync(logs);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  const accord = async (...args: string[]): Promise<string> => {
    const run = await runCli(...args);
    if (run.status !== 0) throw new Error(`accord ${args.join(' ')}: exit ${run.status}\n${run.stderr}`);
    return run.stdout;
  };
  try {
    const keysDir = join(root, 'keys');
    const contextDir = join(root, 'context');
    await accord('deployment', 'keys', '--out', keysDir);
    const caFile = ensureTlsMaterial(join(root, 'tls')).caFile;
    const nodes = await startNodes(root, keysDir, caFile, (stop) => stops.push(stop));
    const redis: RedisServer = await startRedisServer({
      dir: join(root, 'redis'),
      logFile: join(logs, 'redis.log'),
      password: randomBytes(18).toString('base64url'),
    });
    stops.push(() => redis.stop());
    const secrets = await serviceSecrets(join(root, 'service-secrets'));
    const natsUrl = nodes.map((n) => n.server.url).join(',');
    await accord(
      'deployment',
      'init',
      '--dir',
      contextDir,
      '--nats',
      natsUrl,
      '--ca',
      caFile,
      '--keys',
      keysDir,
      '--bus-public-key',
      secrets.bus.publicFile,
      '--audit-public-key',
      secrets.audit.publicFile,
      '--replicas',
      String(NODES),
    );
    const pids = new Map<ServiceName, number>();
    for (const service of SERVICES) {
      const issued = JSON.parse(await accord('service', 'creds', service, '--dir', contextDir, '--json')) as { credentials: string };
      const env = serviceEnv(service, [
        [SETTINGS.natsUrl, natsUrl],
        [SETTINGS.natsCa, caFile],
        [SETTINGS.natsCreds, issued.credentials],
        [SETTINGS.httpPort, '0'],
        [SETTINGS.redisUrl, redis.url],
        [SETTINGS.busSecretFile, secrets.busSecret],
        [SETTINGS.busSigningKeyFile, secrets.bus.privateFile],
        [SETTINGS.pseudonymKeyFile, secrets.pseudonym],
        [SETTINGS.auditSigningKeyFile, secrets.audit.privateFile],
      ]);
      const { pid } = startService(service, env, join(logs, `${service}.log`));
      if (pid === undefined) throw new Error(`cannot start ${service}`);
      pids.set(service, pid);
      stops.push(() => stopProcess(pid));
    }
    await waitForServices(contextDir, pids, logs);
    return {
      contextDir,
      caFile,
      account: readTrustPublic(keysDir).account,
      nodes,
      admin: (...args) => accord(...args, '--dir', contextDir),
      configDigests: () => nodes.map((n) => sha256(n.configFile)),
      connectTo: (node, credsFile) =>
        connect({
          servers: [node.server.url],
          name: 'accord-test-connect',
          reconnect: false,
          ignoreClusterUpdates: true,
          timeout: 5000,
          tls: { caFile },
          authenticator: credsAuthenticator(new Uint8Array(readFileSync(credsFile))),
        }),
      async dispose() {
        await stopAll();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll();
    throw new Error(`the deployment did not start (logs kept in ${logs})`, { cause: error });
  }
}
