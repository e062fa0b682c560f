import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  connectBus,
  createPolicyBucket,
  createRegistryBuckets,
  createWriterLeaseBucket,
  currentPolicy,
  DEFAULT_BUS_SETTINGS,
  ensureStreams,
  inboxPrefix,
  type BusSettings,
} from '../bus/index.js';
import { readStackFile, stackFilePath, writeStackFile, type StackFile } from '../client/index.js';
import { writeSecretFile } from '../config/index.js';
import { AccordError } from '../errors/index.js';
import { join } from 'node:path';
import { storeAuditedPolicy } from './apply-policy.js';
import { isRunning, waitFor } from './child-process.js';
import { freePort } from './free-port.js';
import { natsNodes, natsUrlOf, type ClusterPorts } from './nats-nodes.js';
import { packageRoot } from './package-root.js';
import { startNatsServer, startRedisServer, type LocalServer } from './local-servers.js';
import { ensureBusIdentities, renderStackNatsConfig } from './stack-identities.js';
import { stackLayout, type StackLayout } from './stack-layout.js';
import { ensureStackSecrets } from './stack-secrets.js';
import { readStackState, writeStackState, type StackState } from './stack-state.js';
import { ensureTlsMaterial } from './tls-material.js';

export interface PrepareStackOptions {
  settings?: Partial<BusSettings>;
  serviceEnv?: Record<string, string>;
  syncInterval?: string;
  /** Nodes of nats-server: 1, or a cluster of 3 or 5 (streams then at 3 replicas). Kept on restart. */
  clusterNodes?: number;
  /** Detached servers outlive the process that started them (`stack up`); tests keep theirs attached. */
  detached?: boolean;
  progress?: (line: string) => void;
}

export interface PreparedStack {
  layout: StackLayout;
  state: StackState;
  stack: StackFile;
  /** The first (or only) nats-server. */
  nats: LocalServer;
  /** Every nats-server: one, or each node of the cluster. */
  natsNodes: LocalServer[];
  redis: LocalServer;
}

async function clusterPortsFor(
  size: number,
  natsPort: number | undefined,
  previous: ClusterPorts | undefined,
): Promise<ClusterPorts | undefined> {
  if (size === 1) return undefined;
  if (previous) {
    if (previous.natsPorts.length !== size)
      throw new AccordError('E_USAGE', `this stack runs a cluster of ${previous.natsPorts.length} nodes, not ${size}`);
    return previous;
  }
  const natsPorts = [natsPort ?? (await freePort())];
  while (natsPorts.length < size) natsPorts.push(await freePort());
  const routePorts: number[] = [];
  while (routePorts.length < size) routePorts.push(await freePort());
  return { natsPorts, routePorts };
}

/** A new cluster elects its JetStream leader after its nodes meet: wait for it. */
function jetStreamReady(nc: NatsConnection): Promise<JetStreamManager> {
  return waitFor('JetStream (a cluster first elects its leader)', 30_000, async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.getAccountInfo();
    return jsm;
  });
}

function redisPassword(layout: StackLayout): string {
  if (!existsSync(layout.redisPassword)) writeSecretFile(layout.redisPassword, randomBytes(24).toString('base64url'));
  return readFileSync(layout.redisPassword, 'utf8').trim();
}

/**
 * Everything of a stack but its services: secrets, TLS material, identities, nats-server
 * (TLS, nkey users with their permissions, JetStream) and Redis (password, append-only
 * file), the streams and registry buckets, stack.json. Starting it again keeps the data.
 */
export async function prepareStack(dirArg: string, options: PrepareStackOptions = {}): Promise<PreparedStack> {
  const layout = stackLayout(dirArg);
  const progress = options.progress ?? (() => undefined);
  const previous = readStackState(layout);
  const running = Object.entries(previous?.pids ?? {}).filter(([, pid]) => isRunning(pid));
  if (running.length > 0) {
    throw new AccordError(
      'E_STATE',
      `a stack is already running in ${layout.dir} (${running.map(([n]) => n).join(', ')}); run \`accord stack down --dir ${dirArg}\` first`,
    );
  }
  for (const d of [layout.dir, layout.logs, layout.run]) mkdirSync(d, { recursive: true, mode: 0o700 });
  await ensureStackSecrets(layout);
  const tls = ensureTlsMaterial(layout.tls);
  const { operator, auditor, admin } = ensureBusIdentities(layout);
  const syncInterval = options.syncInterval ?? previous?.syncInterval;
  const size = options.clusterNodes ?? previous?.cluster?.natsPorts.length ?? 1;
  if (size !== 1 && size !== 3 && size !== 5)
    throw new AccordError('E_USAGE', `a cluster has 3 or 5 nodes (a majority must survive the loss of one), not ${size}`);
  if (size > 1 && previous && !previous.cluster)
    throw new AccordError('E_USAGE', `the stack in ${layout.dir} runs a single nats-server; make a new stack for a cluster`);
  const cluster = await clusterPortsFor(size, previous?.natsPort, previous?.cluster);
  const nodes = natsNodes(layout, cluster?.natsPorts[0] ?? previous?.natsPort ?? (await freePort()), cluster);

  const natsServers: LocalServer[] = [];
  for (const node of nodes) {
    progress(`starting ${node.name}`);
    natsServers.push(
      await startNatsServer({
        dir: node.dir,
        logFile: layout.log(node.name),
        detached: options.detached ?? true,
        config: () => renderStackNatsConfig(layout, node, nodes, syncInterval),
        probe: { caFile: tls.caFile, credsFile: operator.seedFile },
        port: node.port,
      }),
    );
    progress(
      `${node.name} listening at tls://127.0.0.1:${node.port} (TLS, no anonymous access${node.routePort ? `; routes on ${node.routePort}, mutual TLS` : ''})`,
    );
  }
  const nats = natsServers[0] as LocalServer;
  const redis = await startRedisServer({
    dir: layout.redis,
    logFile: layout.log('redis'),
    detached: options.detached ?? true,
    password: redisPassword(layout),
    ...(previous ? { port: previous.redisPort } : {}),
  });
  progress(`redis listening on 127.0.0.1:${redis.port} (password, append-only file)`);
  const settings: BusSettings = {
    ...DEFAULT_BUS_SETTINGS,
    ...(cluster ? { replicas: 3 } : {}),
    ...previous?.settings,
    ...options.settings,
  };
  const state: StackState = {
    natsPort: nats.port,
    ...(cluster ? { cluster } : {}),
    redisPort: redis.port,
    redisUrl: redis.url,
    settings,
    serviceEnv: { ...previous?.serviceEnv, ...options.serviceEnv },
    pids: { ...Object.fromEntries(nodes.map((n, i) => [n.name, natsServers[i]?.pid ?? 0])), redis: redis.pid },
    ...(syncInterval ? { syncInterval } : {}),
    ...(previous?.instances ? { instances: previous.instances } : {}),
  };
  writeStackState(layout, state);

  const base = existsSync(stackFilePath(layout.dir)) ? readStackFile(layout.dir) : { agencies: {} };
  const stack: StackFile = {
    ...base,
    natsUrl: natsUrlOf(nodes),
    caFile: tls.caFile,
    busPublicKey: layout.busPublicKey,
    auditPublicKey: layout.auditPublicKey,
    auditorCreds: auditor.seedFile,
    operatorCreds: operator.seedFile,
    adminCreds: admin.seedFile,
  };
  writeStackFile(layout.dir, stack);

  const nc = await connectBus({
    url: stack.natsUrl,
    name: 'accord-operator',
    reconnect: false,
    caFile: tls.caFile,
    credsFile: operator.seedFile,
    inboxPrefix: inboxPrefix({ kind: 'operator' }),
  });
  try {
    const jsm = await jetStreamReady(nc);
    // A new cluster refuses replicated streams until its nodes have all met: retried.
    await waitFor('the streams and buckets', 60_000, async () => {
      await ensureStreams(jsm, settings);
      await createRegistryBuckets(nc, settings.replicas);
      await createWriterLeaseBucket(nc, settings.replicas, settings.auditLeaseMs);
      return true;
    });
    // A new stack routes under the default policy until another is applied.
    if (!(await currentPolicy(await createPolicyBucket(nc, settings.replicas)))) {
      const file = join(packageRoot(), 'policies', 'default.yaml');
      const stored = await storeAuditedPolicy(nc, jetstream(nc), readFileSync(file, 'utf8'), file);
      progress(`policy ${stored.name}@${stored.version} applied`);
    }
  } finally {
    await nc.close();
  }
  progress('streams and registry ready');
  return { layout, state, stack, nats, natsNodes: natsServers, redis };
}
