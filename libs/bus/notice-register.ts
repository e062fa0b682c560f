import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { AccordError } from '../errors/index.js';
import { v1 } from '../proto/index.js';
import { buckets } from './names.js';
import { isWriteConflict } from './write-conflict.js';

/** What a writer makes of a record as it stands now (undefined: none yet); undefined leaves it as it is. */
export type RecordChange = (current: v1.NoticeRecord | undefined) => v1.NoticeRecord.$Properties | undefined;

/**
 * The notice register: for every delivered notice, its issuer, its type, who received
 * it (with each view's delivery sequence) and how it stands to its other versions. The
 * bus keeps no notice content after its decision; relations are checked against this.
 */
export interface NoticeRegister {
  read(noticeId: string): Promise<v1.NoticeRecord | undefined>;
  /**
   * Changes one record under the revision it was read at: when another writer came first
   * (a release, a withdrawal, another routing instance), it is read again and `change`
   * asked again, so no writer's change is lost. Returns the record as stored.
   */
  change(noticeId: string, change: RecordChange): Promise<v1.NoticeRecord | undefined>;
}

/**
 * Ids, agencies and sequences only, kept with no age limit: a notice stays withdrawable,
 * and its relations checkable, as long as any store may hold it.
 */
export async function createNoticeRegisterBucket(nc: NatsConnection, replicas: number): Promise<void> {
  await new Kvm(nc).create(buckets.notices, { replicas, history: 1, allow_direct: true });
}

const MAX_TRIES = 20;

export async function openNoticeRegister(nc: NatsConnection): Promise<NoticeRegister> {
  const kv: KV = await new Kvm(nc).open(buckets.notices, { allow_direct: true });
  const read = async (noticeId: string) => {
    const entry = await kv.get(noticeId);
    return entry && entry.operation === 'PUT' ? { record: v1.NoticeRecord.decode(entry.value), revision: entry.revision } : undefined;
  };
  return {
    read: async (noticeId) => (await read(noticeId))?.record,
    change: async (noticeId, change) => {
      for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
        const stored = await read(noticeId);
        const next = change(stored?.record);
        if (!next) return stored?.record;
        const bytes = v1.NoticeRecord.encode(next).finish();
        try {
          if (stored) await kv.update(noticeId, bytes, stored.revision);
          else await kv.create(noticeId, bytes);
          return v1.NoticeRecord.decode(bytes);
        } catch (error) {
          // Another writer came first (create: the key exists now): read again.
          if (!isWriteConflict(error)) throw error;
        }
      }
      throw new AccordError('E_UNAVAILABLE', `the register record of ${noticeId} kept changing under ${MAX_TRIES} attempts`, {
        retryable: true,
      });
    },
  };
}
