import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { streams } from '../../libs/bus/index.js';
import { errorMessage } from '../../libs/errors/index.js';
import type { Logger } from '../../libs/log/index.js';
import { timestampFromNanos } from '../../libs/proto/index.js';
import { appendToChain, type SourceGroup } from './append-chain.js';
import { readChainTail, type ChainTail } from './chain-tail.js';
import { eventsFromMessage } from './events-from-message.js';

export interface AuditWriterOptions {
  /** Append at the latest when this many events are waiting. */
  maxBatchEvents: number;
  /** Wait this long before starting again after a failure. */
  retryDelayMs: number;
}

/**
 * The single writer of the chain. It reads ACCORD_EVENTS in order from the position the
 * chain's last block records, appends what it reads in batches, and after any failure
 * starts again from the chain itself, so no event is chained twice or skipped.
 */
export class AuditWriter {
  private stopped = false;
  private current: { close(): Promise<void | Error> } | undefined;
  private ready = false;
  private chainHeight = 0;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly log: Logger,
    private readonly options: AuditWriterOptions,
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  get height(): number {
    return this.chainHeight;
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow(await readChainTail(this.jsm));
      } catch (error) {
        this.ready = false;
        if (this.stopped) break;
        this.log.error('audit writer failed; resuming from the chain', { error: errorMessage(error) });
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.current?.close();
  }

  private async follow(start: ChainTail): Promise<void> {
    let tail = start;
    this.chainHeight = tail.head.nextIndex;
    const consumer = await this.js.consumers.get(streams.events, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: tail.sourceSeq + 1,
    });
    const messages = await consumer.consume({ max_messages: 1000 });
    this.current = messages;
    this.ready = true;
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
        tail = await appendToChain(this.js, tail, pending);
        this.chainHeight = tail.head.nextIndex;
      }
      pending = [];
      pendingEvents = 0;
    }
  }
}
