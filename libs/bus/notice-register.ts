import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { v1 } from '../proto/index.js';
import { buckets } from './names.js';

/**
 * The notice register: for every delivered notice, its issuer, its type, who received
 * it (with each view's delivery sequence) and how it stands to its other versions. The
 * bus keeps no notice content after its decision; relations are checked against this.
 */
export interface NoticeRegister {
  read(noticeId: string): Promise<v1.NoticeRecord | undefined>;
  write(record: v1.NoticeRecord.$Properties): Promise<void>;
}

/** Kept as long as the deliveries: history 1, each record rewritten whole by routing. */
export async function createNoticeRegisterBucket(nc: NatsConnection, replicas: number, maxAgeMs: number): Promise<void> {
  await new Kvm(nc).create(buckets.notices, { replicas, history: 1, allow_direct: true, ttl: maxAgeMs });
}

export async function openNoticeRegister(nc: NatsConnection): Promise<NoticeRegister> {
  const kv: KV = await new Kvm(nc).open(buckets.notices, { allow_direct: true });
  return {
    read: async (noticeId) => {
      const entry = await kv.get(noticeId);
      return entry && entry.operation === 'PUT' ? v1.NoticeRecord.decode(entry.value) : undefined;
    },
    write: async (record) => {
      await kv.put(record.noticeId ?? '', v1.NoticeRecord.encode(record).finish());
    },
  };
}

/** The agencies that received a version, in the order they were recorded. */
export function recipientsOf(record: v1.NoticeRecord.$Properties): string[] {
  return [...new Set((record.deliveries ?? []).map((d) => d.agency ?? ''))].filter(Boolean);
}
