import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectBus, createPolicyBucket, createRegistryBuckets, createWriterLeaseBucket, currentPolicy, DEFAULT_BUS_SETTINGS, ensureStreams, inboxPrefix, type BusSettings } from '../bus/index.js';
import { readStackFile, stackFilePath, writeStackFile, type StackFile } from '../client/index.js';
import { writeSecretFile } from '../config/index.js';
import { AccordError } from '../errors/index.js';
import { join } from 'node:path';
import { storeAuditedPolicy } from './apply-policy.js';
import { isRunning } from './child-process.js';
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
  /** Detached servers outlive the process that started them (`stack up`); tests keep theirs attached. */
  detached?: boolean;
  progress?: (line: string) => void;
}

export interface PreparedStack {
  layout: StackLayout;
  state: StackState;
  stack: StackFile;
  nats: LocalServer;
  redis: LocalServer;
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
    throw new AccordError('E_STATE', `a stack is already running in ${layout.dir} (${running.map(([n]) => n).join(', ')}); run \`accord stack down --dir ${dirArg}\` first`);
  }
  for (const d of [layout.dir, layout.logs, layout.run]) mkdirSync(d, { recursive: true, mode: 0o700 });
  await ensureStackSecrets(layout);
  const tls = ensureTlsMaterial(layout.tls);
  const { operator, auditor, admin } = ensureBusIdentities(layout);
  const syncInterval = options.syncInterval ?? previous?.syncInterval;

  progress('starting nats-server');
  const nats = await startNatsServer({
    dir: layout.nats,
    logFile: layout.log('nats-server'),
    detached: options.detached ?? true,
    config: (port) => renderStackNatsConfig(layout, port, syncInterval),
    probe: { caFile: tls.caFile, credsFile: operator.seedFile },
    ...(previous ? { port: previous.natsPort } : {}),
  });
  progress(`nats-server listening at ${nats.url} (TLS, no anonymous access)`);
  const redis = await startRedisServer({
    dir: layout.redis,
    logFile: layout.log('redis'),
    detached: options.detached ?? true,
    password: redisPassword(layout),
    ...(previous ? { port: previous.redisPort } : {}),
  });
  progress(`redis listening on 127.0.0.1:${redis.port} (password, append-only file)`);
  const settings: BusSettings = { ...DEFAULT_BUS_SETTINGS, ...previous?.settings, ...options.settings };
  const state: StackState = {
    natsPort: nats.port,
    redisPort: redis.port,
    redisUrl: redis.url,
    settings,
    serviceEnv: { ...previous?.serviceEnv, ...options.serviceEnv },
    pids: { 'nats-server': nats.pid, redis: redis.pid },
    ...(syncInterval ? { syncInterval } : {}),
  };
  writeStackState(layout, state);

  const base = existsSync(stackFilePath(layout.dir)) ? readStackFile(layout.dir) : { agencies: {} };
  const stack: StackFile = {
    ...base,
    natsUrl: nats.url,
    caFile: tls.caFile,
    busPublicKey: layout.busPublicKey,
    auditPublicKey: layout.auditPublicKey,
    auditorCreds: auditor.seedFile,
    operatorCreds: operator.seedFile,
    adminCreds: admin.seedFile,
  };
  writeStackFile(layout.dir, stack);

  const nc = await connectBus({ url: nats.url, name: 'accord-operator', reconnect: false, caFile: tls.caFile, credsFile: operator.seedFile, inboxPrefix: inboxPrefix({ kind: 'operator' }) });
  try {
    await ensureStreams(await jetstreamManager(nc), settings);
    await createRegistryBuckets(nc, settings.replicas);
    await createWriterLeaseBucket(nc, settings.replicas, settings.auditLeaseMs);
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
  return { layout, state, stack, nats, redis };
}

