import { DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { AccordError } from '../errors/index.js';

export interface ReadStreamOptions {
  filterSubject?: string;
  startSeq?: number;
  /** Give up waiting for the next message after this long (messages expired meanwhile). */
  idleMs?: number;
  /** Stop after this many messages. */
  maxMessages?: number;
}

const RETRY_PAUSE_MS = 200;

/**
 * Reads what a stream holds now, in order, through an ordered consumer (which needs no
 * durable state and no ack), and returns at the end instead of waiting for more.
 *
 * A pull that finds no responder (in a cluster, the consumer's leader is on a node whose
 * interest the client's node has not learnt yet: seen after a node's restart) is not
 * left to the client library, which would wait two missed heartbeats (30 s) before it
 * pulls again: the read starts over from the next sequence at once. So does a read whose
 * replica ran out before the stream's last sequence (a replica still catching up).
 */
export async function readStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  options: ReadStreamOptions,
  onMessage: (msg: JsMsg) => void | Promise<void>,
): Promise<void> {
  const info = await jsm.streams.info(stream, options.filterSubject ? { subjects_filter: options.filterSubject } : undefined);
  const available = options.filterSubject ? Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0) : info.state.messages;
  if (available === 0 || (options.startSeq !== undefined && options.startSeq > info.state.last_seq)) return;
  // What the stream's leader holds now: a whole-stream read must get as much. An ordered
  // consumer reads the replica it is placed on, and a replica still catching up (a node
  // just restarted) says "nothing pending" early: that read starts over, from where it got.
  // (Counted, not by sequence: a purged or expired tail leaves last_seq behind.)
  const atLeast = options.startSeq !== undefined ? 0 : available;
  let nextSeq = options.startSeq;
  let count = 0;
  let lastProgress = Date.now();
  const idleMs = options.idleMs ?? 5000;
  for (;;) {
    const consumer = await js.consumers.get(stream, {
      // A single filter (not a list) puts it in the API subject, where permissions can see it.
      ...(options.filterSubject ? { filter_subjects: options.filterSubject } : {}),
      ...(nextSeq ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: nextSeq } : {}),
    });
    const messages = await consumer.consume({ max_messages: 500 });
    let unanswered = false;
    void (async () => {
      for await (const status of messages.status()) {
        if (status.type === 'no_responders') {
          unanswered = true;
          await messages.close();
          return;
        }
      }
    })();
    const idle = setInterval(
      () => {
        if (Date.now() - lastProgress >= idleMs) void messages.close();
      },
      Math.min(idleMs, 1000),
    );
    let done = false;
    let behind = false;
    try {
      for await (const msg of messages) {
        await onMessage(msg);
        count += 1;
        lastProgress = Date.now();
        nextSeq = msg.seq + 1;
        if (count === options.maxMessages || (msg.info.pending === 0 && count >= atLeast)) {
          done = true;
          break;
        }
        if (msg.info.pending === 0) {
          behind = true;
          break;
        }
      }
    } finally {
      clearInterval(idle);
      await messages.close();
    }
    if (done) return;
    const stalled = Date.now() - lastProgress >= idleMs;
    // A read that stopped short must not pass for the whole stream (an audit verified "intact").
    if (stalled || (!unanswered && !behind))
      throw new AccordError('E_TIMEOUT', `reading ${stream} stalled after ${count} messages; try again`);
    await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
  }
}
