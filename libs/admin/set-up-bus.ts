import { readFileSync } from 'node:fs';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  createNoticeRegisterBucket,
  createPolicyBucket,
  createRegistryBuckets,
  createStatisticsBucket,
  createWidenBucket,
  createWriterLeaseBucket,
  currentPolicy,
  ensureStreams,
  type BusSettings,
} from '../bus/index.js';
import { waitFor } from '../polling/index.js';
import { storeAuditedPolicy } from './apply-policy.js';

/**
 * Creates what the bus runs on, where missing (streams, registry, register, requests to
 * widen, the audit writer's lease, the statistics service's state, the policy bucket), and applies `defaultPolicyFile`
 * when no policy is in force yet. Calling it again changes nothing. Returns the policy
 * applied, if it applied one.
 */
export async function setUpBus(nc: NatsConnection, settings: BusSettings, defaultPolicyFile: string): Promise<string | undefined> {
  // A new cluster elects its JetStream leader after its nodes meet, and refuses
  // replicated streams until they have all met: both are waited for.
  const jsm = await waitFor('JetStream (a cluster first elects its leader)', 30_000, async () => {
    const manager = await jetstreamManager(nc);
    await manager.getAccountInfo();
    return manager;
  });
  await waitFor('the streams and buckets', 60_000, async () => {
    await ensureStreams(jsm, settings);
    await createRegistryBuckets(nc, settings.replicas);
    await createNoticeRegisterBucket(nc, settings.replicas);
    await createWidenBucket(nc, settings.replicas, settings.deliveryMaxAgeMs);
    await createWriterLeaseBucket(nc, settings.replicas, settings.auditLeaseMs);
    await createStatisticsBucket(nc, settings.replicas);
    return true;
  });
  if (await currentPolicy(await createPolicyBucket(nc, settings.replicas))) return undefined;
  const stored = await storeAuditedPolicy(nc, jetstream(nc), readFileSync(defaultPolicyFile, 'utf8'), defaultPolicyFile);
  return `${stored.name}@${stored.version}`;
}
