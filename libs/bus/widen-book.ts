import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { AccordError } from '../errors/index.js';
import { v1 } from '../proto/index.js';
import { buckets } from './names.js';

/** A request to widen as stored, with the revision a change must start from. */
export interface StoredWiden {
  record: v1.WidenRecord;
  revision: number;
}

/**
 * The requests to widen (KV accord-widen, by request id), which routing alone reads and
 * writes. A change is conditional on the revision read, so that a release and a refusal
 * racing on two routing instances cannot both be recorded: the later one is E_CONFLICT (a
 * release takes the request first, RELEASING, and only then delivers).
 */
export interface WidenBook {
  get(requestId: string): Promise<StoredWiden | undefined>;
  create(record: v1.WidenRecord.$Properties): Promise<void>;
  update(record: v1.WidenRecord.$Properties, revision: number): Promise<void>;
  /** Every request kept, in no order. */
  all(): Promise<v1.WidenRecord[]>;
}

/** Kept as long as the deliveries they concern. */
export async function createWidenBucket(nc: NatsConnection, replicas: number, maxAgeMs: number): Promise<void> {
  await new Kvm(nc).create(buckets.widen, { replicas, history: 1, allow_direct: true, ttl: maxAgeMs });
}

const conflict = (requestId: string, error: unknown): AccordError =>
  new AccordError('E_CONFLICT', `request ${requestId} changed meanwhile: list it again`, { cause: error });

export async function openWidenBook(nc: NatsConnection): Promise<WidenBook> {
  const kv: KV = await new Kvm(nc).open(buckets.widen, { allow_direct: true });
  const encode = (record: v1.WidenRecord.$Properties): Uint8Array => v1.WidenRecord.encode(record).finish();
  return {
    get: async (requestId) => {
      const entry = await kv.get(requestId);
      return entry && entry.operation === 'PUT' ? { record: v1.WidenRecord.decode(entry.value), revision: entry.revision } : undefined;
    },
    create: async (record) => {
      await kv.create(record.requestId ?? '', encode(record)).catch((error: unknown) => {
        throw conflict(record.requestId ?? '', error);
      });
    },
    update: async (record, revision) => {
      await kv.update(record.requestId ?? '', encode(record), revision).catch((error: unknown) => {
        throw conflict(record.requestId ?? '', error);
      });
    },
    all: async () => {
      const ids: string[] = [];
      for await (const key of await kv.keys()) ids.push(key);
      const records: v1.WidenRecord[] = [];
      for (const id of ids) {
        const entry = await kv.get(id);
        if (entry && entry.operation === 'PUT') records.push(v1.WidenRecord.decode(entry.value));
      }
      return records;
    },
  };
}
