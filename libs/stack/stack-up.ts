import { existsSync, mkdirSync } from 'node:fs';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  connectBus,
  createRegistryBuckets,
  DEFAULT_BUS_SETTINGS,
  ensureStreams,
  SERVICES,
  type BusSettings,
} from '../bus/index.js';
import { readStackFile, stackFilePath, writeStackFile, type StackFile } from '../client/index.js';
import { AccordError } from '../errors/index.js';
import { isRunning } from './child-process.js';
import { startNatsServer, startRedisServer } from './local-servers.js';
import { serviceEnvironment, startServiceProcess, waitForServiceReady } from './service-processes.js';
import { stackLayout } from './stack-layout.js';
import { ensureStackSecrets } from './stack-secrets.js';
import { readStackState, writeStackState, type StackState } from './stack-state.js';

export interface StackUpOptions {
  settings?: Partial<BusSettings>;
  /** Extra environment for the services, e.g. ACCORD_MAX_ATTEMPTS for tests. */
  serviceEnv?: Record<string, string>;
  /** JetStream fsync interval of the stack's nats-server ("always" for the strictest). */
  syncInterval?: string;
  readyTimeoutMs?: number;
  progress?: (line: string) => void;
}

/**
 * Starts a local stack whose whole state lives in DIR: nats-server with JetStream, Redis
 * with an append-only file, the streams, and the four services; returns once every
 * service reports ready. Starting it again after `stack down` keeps its data.
 */
export async function stackUp(dirArg: string, options: StackUpOptions = {}): Promise<StackFile> {
  const layout = stackLayout(dirArg);
  const progress = options.progress ?? (() => undefined);
  const previous = readStackState(layout);
  const running = Object.entries(previous?.pids ?? {}).filter(([, pid]) => isRunning(pid));
  if (running.length > 0) {
    throw new AccordError('E_STATE', `a stack is already running in ${layout.dir} (${running.map(([n]) => n).join(', ')}); run \`accord stack down --dir ${dirArg}\` first`);
  }
  for (const d of [layout.dir, layout.logs, layout.run]) mkdirSync(d, { recursive: true, mode: 0o700 });
  await ensureStackSecrets(layout);

  const settings: BusSettings = { ...DEFAULT_BUS_SETTINGS, ...previous?.settings, ...options.settings };
  progress('starting nats-server');
  const nats = await startNatsServer({
    dir: layout.nats,
    logFile: layout.log('nats-server'),
    detached: true,
    ...(previous ? { port: previous.natsPort } : {}),
    ...(options.syncInterval ? { syncInterval: options.syncInterval } : {}),
  });
  progress(`nats-server listening at ${nats.url}`);
  const redis = await startRedisServer({
    dir: layout.redis,
    logFile: layout.log('redis'),
    detached: true,
    ...(previous ? { port: previous.redisPort } : {}),
  });
  progress(`redis listening at ${redis.url}`);
  const state: StackState = {
    natsPort: nats.port,
    redisPort: redis.port,
    redisUrl: redis.url,
    settings,
    serviceEnv: { ...previous?.serviceEnv, ...options.serviceEnv },
    pids: { 'nats-server': nats.pid, redis: redis.pid },
  };
  writeStackState(layout, state);

  const stack: StackFile = existsSync(stackFilePath(layout.dir))
    ? { ...readStackFile(layout.dir), natsUrl: nats.url }
    : { natsUrl: nats.url, busPublicKey: layout.busPublicKey, auditPublicKey: layout.auditPublicKey, agencies: {} };
  writeStackFile(layout.dir, stack);

  const nc = await connectBus({ url: nats.url, name: 'accord-stack-up', reconnect: false });
  try {
    await ensureStreams(await jetstreamManager(nc), settings);
    await createRegistryBuckets(nc, settings.replicas);
    progress('streams and registry ready');
    const env = serviceEnvironment(layout, state, nats.url);
    for (const service of SERVICES) {
      state.pids[service] = startServiceProcess(layout, service, env);
      writeStackState(layout, state);
    }
    for (const service of SERVICES) {
      await waitForServiceReady(nc, layout, service, state.pids[service] ?? 0, options.readyTimeoutMs ?? 30_000);
      progress(`${service} ready`);
    }
  } finally {
    await nc.close();
  }
  return stack;
}
