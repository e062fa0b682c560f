import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  connectBus,
  createRegistryBuckets,
  DEFAULT_BUS_SETTINGS,
  ensureStreams,
  type BusSettings,
  type RegistryBuckets,
} from '../../libs/bus/index.js';
import { generateSigningKeyPair, parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { startNatsServer, startRedisServer, type LocalServer } from '../../libs/stack/index.js';
import type { BusVerificationKey } from '../../libs/client/index.js';

/** Short waits so a redelivery test takes seconds, not minutes. */
export const TEST_BUS_SETTINGS: BusSettings = { ...DEFAULT_BUS_SETTINGS, ackWaitMs: 2000, duplicateWindowMs: 60_000 };

export interface TestBus {
  dir: string;
  nats: LocalServer;
  redis: LocalServer;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  buckets: RegistryBuckets;
  secret: Buffer;
  busKeyFile: string;
  busVerification: BusVerificationKey;
  settings: BusSettings;
  dispose(): Promise<void>;
}

/**
 * A real nats-server (JetStream) and Redis of this test file's own, on free ports with
 * temporary stores, with the bus's streams and registry created and fresh bus keys.
 */
export async function startTestBus(settings: BusSettings = TEST_BUS_SETTINGS): Promise<TestBus> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-test-'));
  const nats = await startNatsServer({ dir: join(dir, 'nats'), logFile: join(dir, 'nats.log') });
  const redis = await startRedisServer({ dir: join(dir, 'redis'), logFile: join(dir, 'redis.log') });
  const nc = await connectBus({ url: nats.url, name: 'test-admin' });
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, settings);
  const buckets = await createRegistryBuckets(nc, 1);
  const { privateJwk, publicJwk } = await generateSigningKeyPair();
  const busKeyFile = join(dir, 'bus-signing.jwk');
  writeFileSync(busKeyFile, JSON.stringify(privateJwk), { mode: 0o600 });
  const busJwk = await parsePublicJwk(publicJwk, 'bus key');
  return {
    dir,
    nats,
    redis,
    nc,
    js: jetstream(nc),
    jsm,
    buckets,
    secret: randomBytes(32),
    busKeyFile,
    busVerification: { kid: busJwk.kid, key: await verificationKeyFromJwk(busJwk) },
    settings,
    async dispose() {
      await nc.close().catch(() => undefined);
      await redis.stop();
      await nats.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
