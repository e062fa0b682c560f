import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { buckets } from './names.js';

const KEY = 'writer';

/** The lease bucket: its entry expires `leaseMs` after its last renewal (the server's clock). */
export async function createWriterLeaseBucket(nc: NatsConnection, replicas: number, leaseMs: number): Promise<void> {
  await new Kvm(nc).create(buckets.auditWriter, { replicas, history: 1, ttl: leaseMs, allow_direct: true });
}

function isTaken(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamWrongLastSequence || error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}

/**
 * Which audit service instance writes the chain. The holder renews the entry well within
 * its lifetime; if it dies, the entry expires and a standby's `tryAcquire` succeeds. The
 * lease only keeps standbys from contending: what keeps the chain linear, even if a
 * stalled holder wakes up after losing it, is that every append names the stream
 * sequence it expects to follow.
 */
export class WriterLease {
  private revision = 0;

  private constructor(
    private readonly kv: KV,
    private readonly holder: string,
    /** How often the holder renews, and a standby tries again. */
    readonly renewEveryMs: number,
  ) {}

  static async open(nc: NatsConnection, holder: string): Promise<WriterLease> {
    const kv = await new Kvm(nc).open(buckets.auditWriter, { allow_direct: true });
    const { ttl } = await kv.status();
    return new WriterLease(kv, holder, Math.max(100, Math.floor(ttl / 4)));
  }

  /** True when this holder now holds the lease (or still does); false while another holds it. */
  async tryAcquire(): Promise<boolean> {
    if (this.revision > 0 && (await this.renew())) return true;
    try {
      this.revision = await this.kv.create(KEY, this.holder);
      return true;
    } catch (error) {
      if (isTaken(error)) return false;
      throw error;
    }
  }

  /** True while still held; false once it expired or another took it. */
  async renew(): Promise<boolean> {
    try {
      this.revision = await this.kv.update(KEY, this.holder, this.revision);
      return true;
    } catch (error) {
      if (!isTaken(error)) throw error;
      this.revision = 0;
      return false;
    }
  }

  /** Lets a standby take over at once (only if this holder still holds it). */
  async release(): Promise<void> {
    if (this.revision === 0) return;
    await this.kv.delete(KEY, { previousSeq: this.revision }).catch(() => undefined);
    this.revision = 0;
  }
}
