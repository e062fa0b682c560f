import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { auditEventId, makeSignedCheckpoint, RecentEventIds, type TreeHead } from '../../libs/audit/index.js';
import { messageIds, streams, subjects, type WriterLease } from '../../libs/bus/index.js';
import { errorMessage } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import { leafHash, MerkleTree } from '../../libs/merkle/index.js';
import { timestampFromDate, timestampFromNanos, v1 } from '../../libs/proto/index.js';
import type { SigningKey } from '../../libs/signing/index.js';
import { appendToChain, type SourceGroup } from './append-chain.js';
import { loadChain, type ChainTail } from './chain-tail.js';
import { eventsFromMessage } from './events-from-message.js';
import { NoticeIndex } from './notice-index.js';

export interface AuditWriterOptions {
  /** Append at the latest when this many events are waiting. */
  maxBatchEvents: number;
  /** Seal the chain with a checkpoint after this many records ... */
  checkpointEveryRecords: number;
  /** ... or this long after the last checkpoint, whichever comes first. */
  checkpointEveryMs: number;
  /** Wait this long before starting again after a failure. */
  retryDelayMs: number;
  /** Told when this instance starts writing (chain loaded) and when it stops. */
  onWriting?: (writing: boolean) => void;
}

/**
 * The single writer of the chain. While it holds the writer lease it reads ACCORD_EVENTS
 * in order from the position the chain's last block records, appends what it reads in
 * batches, and seals the chain with signed checkpoints; after any failure it starts again
 * from the chain itself, so no event is chained twice or skipped. Without the lease it
 * stands by, and takes over when the writer stops renewing it.
 */
export class AuditWriter {
  private stopped = false;
  private current: { close(): Promise<void | Error> } | undefined;
  private ready = false;
  private standby = false;
  private tail: ChainTail | undefined;
  private leaves: Buffer[] = [];
  private tree = new MerkleTree(this.leaves);
  private notices = new NoticeIndex();
  private recentEventIds = new RecentEventIds(0);
  private lastCheckpoint: TreeHead | undefined;
  private lastCheckpointAt = new Date();
  /** Appends (batches and checkpoints) run one at a time. */
  private exclusive: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly auditKey: SigningKey,
    private readonly lease: WriterLease,
    private readonly log: Logger,
    private readonly options: AuditWriterOptions,
  ) {}

  /** Writing: the lease held and the chain loaded. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Waiting for the lease, ready to take over. */
  get isStandby(): boolean {
    return this.standby;
  }

  get height(): number {
    return this.tail?.head.nextIndex ?? 0;
  }

  /** The ACCORD_EVENTS sequence chained so far. */
  get chainedSourceSeq(): number {
    return this.tail?.sourceSeq ?? 0;
  }

  /** The audit stream blocks holding a notice's records; undefined until the chain is loaded. */
  blocksOf(noticeId: string): readonly number[] | undefined {
    return this.ready ? this.notices.blocksOf(noticeId) : undefined;
  }

  get checkpointAgeMs(): number {
    return Date.now() - this.lastCheckpointAt.getTime();
  }

  async run(): Promise<void> {
    this.timer = setInterval(
      () => {
        if (this.ready && this.recordsSinceCheckpoint() > 0 && this.checkpointAgeMs >= this.options.checkpointEveryMs) {
          this.serially(() => this.checkpoint()).catch((error: unknown) =>
            this.log.error('checkpoint failed', { error: errorMessage(error) }),
          );
        }
      },
      Math.min(this.options.checkpointEveryMs, 1000),
    );
    while (!this.stopped) {
      try {
        if (!(await this.lease.tryAcquire())) {
          if (!this.standby) this.log.info('another instance writes the chain; standing by');
          this.standby = true;
          await new Promise((r) => setTimeout(r, this.lease.renewEveryMs));
          continue;
        }
        if (this.standby) this.log.info('took over as the chain writer');
        this.standby = false;
        await this.followWhileLeased();
      } catch (error) {
        if (this.stopped) break;
        this.log.error('audit writer failed; resuming from the chain', { error: errorMessage(error) });
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs));
      } finally {
        this.setReady(false);
      }
    }
    await this.lease.release();
  }

  private setReady(ready: boolean): void {
    if (ready === this.ready) return;
    this.ready = ready;
    this.options.onWriting?.(ready);
  }

  /** Follows the events while renewing the lease; a lost lease ends the follow. */
  private async followWhileLeased(): Promise<void> {
    let renewing = Promise.resolve();
    const renewal = setInterval(() => {
      renewing = this.lease.renew().then(
        async (held) => {
          if (held) return;
          this.log.warn('the writer lease was lost; standing by');
          this.setReady(false);
          await this.current?.close();
        },
        (error: unknown) => this.log.warn('the writer lease could not be renewed', { error: errorMessage(error) }),
      );
    }, this.lease.renewEveryMs);
    try {
      await this.follow();
    } finally {
      clearInterval(renewal);
      await renewing;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.current?.close();
    await this.exclusive.catch(() => undefined);
  }

  private serially<T>(step: () => Promise<T>): Promise<T> {
    const next = this.exclusive.then(step, step);
    this.exclusive = next.catch(() => undefined);
    return next;
  }

  private recordsSinceCheckpoint(): number {
    const sealed = this.lastCheckpoint ? this.lastCheckpoint.size + 1 : 0;
    return this.leaves.length - sealed;
  }

  private async append(groups: SourceGroup[]): Promise<void> {
    if (!this.tail) throw new Error('the chain is not loaded');
    const fresh = groups.map((g) => ({ seq: g.seq, events: g.events.filter((e) => this.firstTime(e.eventId ?? '')) }));
    const { tail, bodies, blockSeqs } = await appendToChain(this.js, this.tail, fresh);
    this.tail = tail;
    for (const body of bodies) this.leaves.push(leafHash(body));
    fresh.flatMap((g) => g.events).forEach((event, i) => this.notices.add(event.noticeId ?? '', blockSeqs[i] ?? 0));
    for (const g of fresh) {
      const about = g.events.find((e) => e.noticeId);
      if (about?.noticeId)
        this.log.info('chained', { noticeId: about.noticeId, traceId: about.traceId || undefined, records: g.events.length });
    }
    if (this.recordsSinceCheckpoint() >= this.options.checkpointEveryRecords) await this.checkpoint();
  }

  /** False for an event already chained (sent again after a crash); a failed append reloads these from the chain. */
  private firstTime(eventId: string): boolean {
    if (this.recentEventIds.has(eventId)) return false;
    this.recentEventIds.add(eventId);
    return true;
  }

  /** Seals every record so far: the checkpoint is appended as the next record and published. */
  private async checkpoint(): Promise<void> {
    if (!this.tail || this.recordsSinceCheckpoint() === 0) return;
    const size = this.leaves.length;
    const { signed, head } = await makeSignedCheckpoint(this.tree, size, this.lastCheckpoint, this.auditKey);
    const now = new Date();
    const event: v1.AuditEvent.$Properties = {
      eventId: auditEventId.checkpoint(size),
      kind: v1.AuditKind.CHECKPOINT,
      time: timestampFromDate(now),
      service: 'audit',
      checkpoint: signed,
    };
    const { tail, bodies } = await appendToChain(this.js, this.tail, [{ seq: this.tail.sourceSeq, events: [event] }]);
    this.tail = tail;
    for (const body of bodies) this.leaves.push(leafHash(body));
    this.lastCheckpoint = head;
    this.lastCheckpointAt = now;
    await this.js.publish(subjects.checkpoints, signed, { msgID: messageIds.checkpoint(size) });
  }

  private async follow(): Promise<void> {
    const state = await loadChain(this.js, this.jsm);
    this.tail = state.tail;
    this.leaves = state.leaves;
    this.tree = new MerkleTree(this.leaves);
    this.notices = state.notices;
    this.recentEventIds = state.recentEventIds;
    this.lastCheckpoint = state.lastCheckpoint;
    this.lastCheckpointAt = state.lastCheckpointAt ?? new Date();
    const consumer = await this.js.consumers.get(streams.events, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: state.tail.sourceSeq + 1,
    });
    const messages = await consumer.consume({ max_messages: 1000 });
    this.current = messages;
    this.setReady(true);
    let pending: SourceGroup[] = [];
    let pendingEvents = 0;
    for await (const msg of messages) {
      let events: SourceGroup['events'] = [];
      try {
        events = eventsFromMessage(msg.subject, msg.data, timestampFromNanos(msg.timestampNanos));
      } catch (error) {
        this.log.warn('message without valid audit events skipped', { seq: msg.seq, subject: msg.subject, error: errorMessage(error) });
      }
      pending.push({ seq: msg.seq, events });
      pendingEvents += events.length;
      if (msg.info.pending > 0 && pendingEvents < this.options.maxBatchEvents) continue;
      if (pendingEvents > 0) {
        const groups = pending;
        await this.serially(() => this.append(groups));
      }
      pending = [];
      pendingEvents = 0;
    }
  }
}
