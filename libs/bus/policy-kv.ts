import { Kvm, KvWatchInclude, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { AccordError } from '../errors/index.js';
import { buckets } from './names.js';

/** The current policy as stored: its text is the source, compiled by whoever reads it. */
export interface StoredPolicy {
  name: string;
  version: number;
  digest: string;
  appliedAt: string;
  text: string;
}

const CURRENT = 'current';

export async function createPolicyBucket(nc: NatsConnection, replicas: number): Promise<KV> {
  return new Kvm(nc).create(buckets.policies, { replicas, history: 64, allow_direct: true });
}

export async function openPolicyBucket(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).open(buckets.policies, { allow_direct: true });
}

export async function currentPolicy(kv: KV): Promise<StoredPolicy | undefined> {
  const entry = await kv.get(CURRENT);
  return entry && entry.operation === 'PUT' ? (entry.json() as StoredPolicy) : undefined;
}

/**
 * Makes a policy text current as the next version. The put is conditional on the
 * revision read, so two operators applying at once cannot both claim one version.
 */
export async function storePolicy(kv: KV, name: string, text: string, digest: string): Promise<StoredPolicy> {
  const entry = await kv.get(CURRENT);
  const previous = entry && entry.operation === 'PUT' ? (entry.json() as StoredPolicy) : undefined;
  const stored: StoredPolicy = { name, version: (previous?.version ?? 0) + 1, digest, appliedAt: new Date().toISOString(), text };
  try {
    if (entry) await kv.update(CURRENT, JSON.stringify(stored), entry.revision);
    else await kv.create(CURRENT, JSON.stringify(stored));
  } catch (error) {
    throw new AccordError('E_STATE', 'another policy was applied at the same moment; apply again', { cause: error });
  }
  return stored;
}

/** Calls `onPolicy` with the current policy and with every one applied after it. */
export async function watchPolicy(kv: KV, onPolicy: (p: StoredPolicy) => void, onError: (e: unknown) => void): Promise<{ stop(): void }> {
  const watcher = await kv.watch({ key: CURRENT, include: KvWatchInclude.LastValue });
  (async () => {
    for await (const e of watcher) {
      if (e.operation !== 'PUT') continue;
      try {
        onPolicy(e.json() as StoredPolicy);
      } catch (error) {
        onError(error);
      }
    }
  })().catch(onError);
  return { stop: () => watcher.stop() };
}
