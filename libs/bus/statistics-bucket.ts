import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { buckets } from './names.js';

/**
 * The statistics service's state: each counted notice's latest version (core facts and
 * profiles, never an identity) and each period's releases. No age limit: a withdrawal
 * years later still takes its notice out of the next version of its period.
 */
export async function createStatisticsBucket(nc: NatsConnection, replicas: number): Promise<void> {
  await new Kvm(nc).create(buckets.statistics, { replicas, history: 1, allow_direct: true });
}

export async function openStatisticsBucket(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).open(buckets.statistics, { allow_direct: true });
}
