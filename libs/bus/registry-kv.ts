import { Kvm, KvWatchInclude, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { MutableRegistry, parseAgency, parseAgencyKey, type Agency, type AgencyKey } from '../registry/index.js';
import { buckets } from './names.js';

/** The registry lives in two KV buckets: agencies, and public keys (which liaisons may read). */
export interface RegistryBuckets {
  agencies: KV;
  keys: KV;
}

export async function createRegistryBuckets(nc: NatsConnection, replicas: number): Promise<RegistryBuckets> {
  const kvm = new Kvm(nc);
  return {
    agencies: await kvm.create(buckets.agencies, { replicas, history: 5, allow_direct: true }),
    keys: await kvm.create(buckets.keys, { replicas, history: 5, allow_direct: true }),
  };
}

/** Binds without asking for stream info; reads go through direct gets (the buckets allow them). */
export async function openRegistryBuckets(nc: NatsConnection): Promise<RegistryBuckets> {
  const kvm = new Kvm(nc);
  return {
    agencies: await kvm.open(buckets.agencies, { allow_direct: true }),
    keys: await kvm.open(buckets.keys, { allow_direct: true }),
  };
}

export async function putAgency(b: RegistryBuckets, agency: Agency): Promise<void> {
  await b.agencies.put(agency.id, JSON.stringify(agency));
}

export async function putAgencyKey(b: RegistryBuckets, key: AgencyKey): Promise<void> {
  await b.keys.put(key.kid, JSON.stringify(key));
}

export async function deleteAgency(b: RegistryBuckets, id: string): Promise<void> {
  await b.agencies.delete(id);
}

export async function getAgency(b: RegistryBuckets, id: string): Promise<Agency | undefined> {
  const entry = await b.agencies.get(id);
  return entry && entry.operation === 'PUT' ? parseAgency(entry.json()) : undefined;
}

async function loadBucket(kv: KV, apply: (key: string, value: unknown) => void): Promise<void> {
  const keys: string[] = [];
  for await (const key of await kv.keys()) keys.push(key);
  for (const key of keys) {
    const entry = await kv.get(key);
    apply(key, entry && entry.operation === 'PUT' ? entry.json() : undefined);
  }
}

export interface LiveRegistry {
  registry: MutableRegistry;
  stop(): void;
}

/**
 * A registry kept current from the buckets, so an agency added or a key changed takes
 * effect without restarting any service. Resolves once the current contents are loaded.
 */
export async function watchRegistry(b: RegistryBuckets, onError: (error: unknown) => void): Promise<LiveRegistry> {
  const registry = new MutableRegistry();
  const applyAgency = (key: string, value: unknown): void => {
    if (value === undefined) registry.deleteAgency(key);
    else registry.putAgency(parseAgency(value));
  };
  const applyKey = (key: string, value: unknown): void => {
    if (value === undefined) registry.deleteKey(key);
    else registry.putKey(parseAgencyKey(value));
  };
  // Watch first, then load: an update landing in between is applied either way.
  const watchers = [
    await b.agencies.watch({ include: KvWatchInclude.UpdatesOnly }),
    await b.keys.watch({ include: KvWatchInclude.UpdatesOnly }),
  ] as const;
  const follow = async (watcher: (typeof watchers)[number], apply: typeof applyAgency): Promise<void> => {
    for await (const e of watcher) {
      try {
        apply(e.key, e.operation === 'PUT' ? e.json() : undefined);
      } catch (error) {
        onError(error);
      }
    }
  };
  follow(watchers[0], applyAgency).catch(onError);
  follow(watchers[1], applyKey).catch(onError);
  await loadBucket(b.agencies, applyAgency);
  await loadBucket(b.keys, applyKey);
  return {
    registry,
    stop: () => {
      for (const w of watchers) w.stop();
    },
  };
}
