import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setUpBus } from '../admin/index.js';
import { createTrustChain, hasTrustChain, readOnlineTrust, type OnlineTrust } from '../auth/index.js';
import { connectBus, DEFAULT_BUS_SETTINGS, inboxPrefix, type BusSettings } from '../bus/index.js';
import { readStackFile, stackFilePath, writeStackFile, type StackFile } from '../client/index.js';
import { writeSecretFile } from '../config/index.js';
import { writeDeploymentFile } from '../context/index.js';
import { AccordError, isAccordError } from '../errors/index.js';
import { isRunning } from './child-process.js';
import { freePort } from './free-port.js';
import { ANY_PORT, natsNodes, natsUrlOf, nodeName, serverNameOf, type ClusterPorts, type NatsNode } from './nats-nodes.js';
import { packageRoot } from './package-root.js';
import { natsConfigFile, reloadNatsServer, startNatsServer, startRedisServer, type NatsServer, type RedisServer } from './local-servers.js';
import { ensureBusIdentities, renderStackNatsConfig } from './stack-identities.js';
import { stackLayout, type StackLayout } from './stack-layout.js';
import { ensureStackSecrets } from './stack-secrets.js';
import { readStackState, writeStackState, type StackState } from './stack-state.js';
import { ensureTlsMaterial } from './tls-material.js';
import { legacyIdentities, upgradeLegacyAuth } from './upgrade-legacy-auth.js';

export interface PrepareStackOptions {
  settings?: Partial<BusSettings>;
  serviceEnv?: Record<string, string>;
  syncInterval?: string;
  /** Nodes of nats-server: 1, or a cluster of 3 or 5 (streams then at 3 replicas). Kept on restart. */
  clusterNodes?: number;
  /** Detached servers outlive the process that started them (`stack up`); tests keep theirs attached. */
  detached?: boolean;
  progress?: (line: string) => void;
  /** Picks a free port for a cluster's routes (tests force a collision through it). */
  pickPort?: () => Promise<number>;
}

export interface PreparedStack {
  layout: StackLayout;
  state: StackState;
  stack: StackFile;
  /** The first (or only) nats-server. */
  nats: NatsServer;
  /** Every nats-server: one, or each node of the cluster. */
  natsNodes: NatsServer[];
  redis: RedisServer;
}

/**
 * A new cluster's ports: client ports are any (each server reports the one it bound);
 * route ports must be known to the peers before they start, so they are picked now, and
 * one taken before its node binds it is replaced (see startStackNode).
 */
async function clusterPortsFor(
  size: number,
  previous: ClusterPorts | undefined,
  pickPort: () => Promise<number>,
): Promise<ClusterPorts | undefined> {
  if (size === 1) return undefined;
  if (previous) {
    if (previous.natsPorts.length !== size)
      throw new AccordError('E_USAGE', `this stack runs a cluster of ${previous.natsPorts.length} nodes, not ${size}`);
    return previous;
  }
  const routePorts: number[] = [];
  while (routePorts.length < size) routePorts.push(await pickPort());
  const names = routePorts.map((_, i) => nodeName(i));
  return { natsPorts: names.map(() => ANY_PORT), routePorts, serverNames: names.map(serverNameOf) };
}

/** Attempts at binding a node's ports before start-up gives up. */
const PORT_ATTEMPTS = 5;

interface NodeStart {
  layout: StackLayout;
  nodes: NatsNode[];
  syncInterval: string | undefined;
  detached: boolean;
  probe: { caFile: string; credsFile: string };
  pickPort: () => Promise<number>;
  progress: (line: string) => void;
}

/**
 * Starts one node; a port taken meanwhile is replaced and the node started again: the
 * client port by any free one, a route port by a newly picked one (recorded in `nodes`,
 * so the peers started after it route to it). Returns whether its route port moved.
 */
async function startStackNode(s: NodeStart, node: NatsNode): Promise<{ server: NatsServer; routeMoved: boolean }> {
  let routeMoved = false;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const server = await startNatsServer({
        dir: node.dir,
        logFile: s.layout.log(node.name),
        detached: s.detached,
        serverName: node.serverName,
        config: (port) => renderStackNatsConfig(s.layout, { ...node, port }, s.nodes, s.syncInterval, { portsFileDir: node.dir }),
        ...(node.routePort ? { routePort: node.routePort } : {}),
        probe: s.probe,
        port: node.port,
      });
      node.port = server.port;
      return { server, routeMoved };
    } catch (error) {
      if (!isAccordError(error) || error.code !== 'E_PORT_IN_USE' || attempt === PORT_ATTEMPTS) throw error;
      if (error.path === 'cluster.listen') {
        node.routePort = await s.pickPort();
        routeMoved = true;
        s.progress(`${error.message}: ${node.name} routes on ${node.routePort} instead`);
      } else {
        node.port = ANY_PORT;
        s.progress(`${error.message}: ${node.name} takes any free port instead`);
      }
    }
  }
}

/**
 * Every nats-server node, then Redis. Should one fail to start, those already started are
 * stopped again: nothing records them yet, so \`stack down\` could not find them.
 */
async function startServers(s: NodeStart, redisPassword: string): Promise<{ natsServers: NatsServer[]; redis: RedisServer }> {
  const natsServers: NatsServer[] = [];
  try {
    let routesMoved = false;
    for (const node of s.nodes) {
      s.progress(`starting ${node.name}`);
      const started = await startStackNode(s, node);
      natsServers.push(started.server);
      routesMoved ||= started.routeMoved;
      s.progress(
        `${node.name} listening at tls://127.0.0.1:${node.port} (TLS, no anonymous access${node.routePort ? `; routes on ${node.routePort}, mutual TLS` : ''})`,
      );
    }
    // Nodes started before a route port moved still name the old one: they learn the new one.
    if (routesMoved) {
      for (const [i, node] of s.nodes.entries()) {
        const config = renderStackNatsConfig(s.layout, node, s.nodes, s.syncInterval, { portsFileDir: node.dir });
        await reloadNatsServer(natsServers[i]?.pid ?? 0, natsConfigFile(node.dir), config, s.layout.log(node.name));
      }
    }
    const redis = await startRedisServer({
      dir: s.layout.redis,
      logFile: s.layout.log('redis'),
      detached: s.detached,
      password: redisPassword,
    });
    s.progress(`redis listening on ${redis.socket} (Unix socket, password, append-only file)`);
    return { natsServers, redis };
  } catch (error) {
    for (const server of natsServers) await server.stop();
    throw error;
  }
}

function redisPassword(layout: StackLayout): string {
  if (!existsSync(layout.redisPassword)) writeSecretFile(layout.redisPassword, randomBytes(24).toString('base64url'));
  return readFileSync(layout.redisPassword, 'utf8').trim();
}

/** Refuses to start a stack in DIR while processes of a stack started there still run. */
export function assertNotRunning(dirArg: string): void {
  const layout = stackLayout(dirArg);
  const running = Object.entries(readStackState(layout)?.pids ?? {}).filter(([, pid]) => isRunning(pid));
  if (running.length > 0) {
    throw new AccordError(
      'E_STATE',
      `a stack is already running in ${layout.dir} (${running.map(([n]) => n).join(', ')}); run \`accord stack down --dir ${dirArg}\` first`,
    );
  }
}

/**
 * The stack's trust chain: the one it has, one made now, or, for a stack made before JWT
 * accounts, its upgrade; with the agency roles whose keys the next account update must
 * carry (an upgraded stack's).
 */
async function stackTrust(
  layout: StackLayout,
  nodes: readonly NatsNode[],
  progress: (line: string) => void,
): Promise<{ trust: OnlineTrust; agencyRoles: string[] }> {
  const legacy = legacyIdentities(layout);
  if (legacy) return upgradeLegacyAuth(layout, nodes, legacy, progress);
  if (hasTrustChain(layout.trust)) return { trust: readOnlineTrust(layout.trust), agencyRoles: [] };
  const trust = await createTrustChain(layout.trust);
  progress(`trust chain made: operator ${trust.public.operator}, Accord account ${trust.public.account}`);
  return { trust, agencyRoles: [] };
}

/**
 * Everything of a stack but its services: secrets, TLS material, the trust chain,
 * nats-server (TLS, operator mode with the full resolver, JetStream) and Redis
 * (password, append-only file), the identities' credentials, the streams and registry
 * buckets, stack.json. Starting it again keeps the data.
 */
export async function prepareStack(dirArg: string, options: PrepareStackOptions = {}): Promise<PreparedStack> {
  const layout = stackLayout(dirArg);
  const progress = options.progress ?? (() => undefined);
  assertNotRunning(dirArg);
  const previous = readStackState(layout);
  for (const d of [layout.dir, layout.logs, layout.run]) mkdirSync(d, { recursive: true, mode: 0o700 });
  await ensureStackSecrets(layout);
  const tls = ensureTlsMaterial(layout.tls);
  const syncInterval = options.syncInterval ?? previous?.syncInterval;
  const size = options.clusterNodes ?? previous?.cluster?.natsPorts.length ?? 1;
  if (size !== 1 && size !== 3 && size !== 5)
    throw new AccordError('E_USAGE', `a cluster has 3 or 5 nodes (a majority must survive the loss of one), not ${size}`);
  if (size > 1 && previous && !previous.cluster)
    throw new AccordError('E_USAGE', `the stack in ${layout.dir} runs a single nats-server; make a new stack for a cluster`);
  const pickPort = options.pickPort ?? freePort;
  const cluster = await clusterPortsFor(size, previous?.cluster, pickPort);
  // A stack started again keeps its ports where it can, so that copies of stack.json stay valid.
  const nodes = natsNodes(layout, cluster?.natsPorts[0] ?? previous?.natsPort ?? ANY_PORT, cluster);
  const { trust, agencyRoles } = await stackTrust(layout, nodes, progress);

  const start: NodeStart = {
    layout,
    nodes,
    syncInterval,
    detached: options.detached ?? true,
    probe: { caFile: tls.caFile, credsFile: trust.layout.systemUserCreds },
    pickPort,
    progress,
  };
  const { natsServers, redis } = await startServers(start, redisPassword(layout));
  const nats = natsServers[0] as NatsServer;
  const settings: BusSettings = {
    ...DEFAULT_BUS_SETTINGS,
    ...(cluster ? { replicas: 3 } : {}),
    ...previous?.settings,
    ...options.settings,
  };
  const state: StackState = {
    natsPort: nats.port,
    ...(cluster ? { cluster: { ...cluster, natsPorts: nodes.map((n) => n.port), routePorts: nodes.map((n) => n.routePort ?? 0) } } : {}),
    redisUrl: redis.url,
    settings,
    serviceEnv: { ...previous?.serviceEnv, ...options.serviceEnv },
    pids: { ...Object.fromEntries(nodes.map((n, i) => [n.name, natsServers[i]?.pid ?? 0])), redis: redis.pid },
    ...(syncInterval ? { syncInterval } : {}),
    ...(previous?.instances ? { instances: previous.instances } : {}),
  };
  writeStackState(layout, state);

  writeDeploymentFile(layout, { settings });
  const natsUrl = natsUrlOf(nodes);
  const { operator, auditor, admin } = await ensureBusIdentities(layout, trust, natsUrl, agencyRoles);
  const base = existsSync(stackFilePath(layout.dir)) ? readStackFile(layout.dir) : { agencies: {} };
  const stack: StackFile = {
    ...base,
    natsUrl,
    caFile: tls.caFile,
    busPublicKey: layout.busPublicKey,
    auditPublicKey: layout.auditPublicKey,
    auditorCreds: auditor,
    operatorCreds: operator,
    adminCreds: admin,
  };
  writeStackFile(layout.dir, stack);

  const nc = await connectBus({
    url: stack.natsUrl,
    name: 'accord-operator',
    reconnect: false,
    caFile: tls.caFile,
    credsFile: operator,
    inboxPrefix: inboxPrefix({ kind: 'operator' }),
  });
  try {
    // A new stack routes under the default policy until another is applied.
    const applied = await setUpBus(nc, settings, join(packageRoot(), 'policies', 'default.yaml'));
    if (applied) progress(`policy ${applied} applied`);
  } finally {
    await nc.close();
  }
  progress('streams and registry ready');
  return { layout, state, stack, nats, natsNodes: natsServers, redis };
}
