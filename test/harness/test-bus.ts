import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DEFAULT_BUS_SETTINGS, openRegistryBuckets, type BusSettings, type Identity, type RegistryBuckets } from '../../libs/bus/index.js';
import { connectAs, readStackFile, type BusVerificationKey, type StackFile } from '../../libs/client/index.js';
import { parsePublicJwk, verificationKeyFromJwk } from '../../libs/signing/index.js';
import { prepareStack, credsFileOf, type PreparedStack } from '../../libs/stack/index.js';

/** Short waits so a redelivery test takes seconds, not minutes. */
export const TEST_BUS_SETTINGS: BusSettings = { ...DEFAULT_BUS_SETTINGS, ackWaitMs: 2000, duplicateWindowMs: 60_000, auditLeaseMs: 2000 };

export interface TestBus extends PreparedStack {
  dir: string;
  /** Connected as the stack's operator (unrestricted). */
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  buckets: RegistryBuckets;
  secret: Buffer;
  busVerification: BusVerificationKey;
  settings: BusSettings;
  /** How a service or other identity of this bus connects. */
  natsFor(identity: Identity): { url: string; caFile: string; credsFile: string };
  connectAs(identity: Identity, creds?: string, options?: { reconnect?: boolean }): Promise<NatsConnection>;
  dispose(): Promise<void>;
}

/**
 * A bus of this test file's own, set up exactly as `stack up` sets one up (TLS, nkey users
 * with their permissions, Redis with a password, streams, registry), on free ports with
 * temporary stores; its servers stop with the test process.
 */
export async function startTestBus(settings: BusSettings = TEST_BUS_SETTINGS, options: { clusterNodes?: number } = {}): Promise<TestBus> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-test-'));
  const prepared = await prepareStack(dir, { settings, detached: false, ...options });
  const stack: StackFile = prepared.stack;
  // Reconnecting, so a test may restart the server under it.
  const nc = await connectAs(stack, { kind: 'operator' }, undefined, { reconnect: true });
  const busJwk = await parsePublicJwk(JSON.parse(readFileSync(prepared.layout.busPublicKey, 'utf8')), 'bus key');
  return {
    ...prepared,
    dir,
    nc,
    js: jetstream(nc),
    jsm: await jetstreamManager(nc),
    buckets: await openRegistryBuckets(nc),
    secret: readFileSync(prepared.layout.busSecret),
    busVerification: { kid: busJwk.kid, key: await verificationKeyFromJwk(busJwk) },
    settings,
    natsFor: (identity) => ({ url: stack.natsUrl, caFile: stack.caFile ?? '', credsFile: credsFileOf(prepared.layout, identity) }),
    connectAs: (identity, creds, options) => connectAs(readStackFile(dir), identity, creds, options),
    async dispose() {
      await nc.close().catch(() => undefined);
      await prepared.redis.stop();
      for (const node of prepared.natsNodes) await node.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
