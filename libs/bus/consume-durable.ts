import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { errorMessage } from '../errors/index.js';

export interface ConsumeDurableOptions {
  /** Messages pulled ahead (the consumer's share of work in hand). */
  maxMessages: number;
  /** Consumes until this aborts. */
  signal: AbortSignal;
  /** Consecutive missed server heartbeats after which a pull counts as silent. */
  missedHeartbeats?: number;
  /** Told why a pull is being started again (silent, or the consumer could not be reached). */
  onRestart?: (reason: string) => void;
  /** Wait before starting again after the consumer could not be reached. */
  retryDelayMs?: number;
  /** Told when a pull is running (true) and when it ends (false): readiness. */
  onConsuming?: (consuming: boolean) => void;
}

/**
 * Closes the pull when it goes silent, or when it found no responder (in a cluster, the
 * consumer's leader on a node whose interest the client's node has not learnt yet; the
 * client library would wait two missed heartbeats before pulling again), so the loop
 * below starts a fresh one; after the latter (`unanswered`) the loop pauses first.
 */
function closeWhenSilent(messages: ConsumerMessages, limit: number, onRestart: (reason: string) => void): { unanswered: boolean } {
  const outcome = { unanswered: false };
  void (async () => {
    for await (const status of messages.status()) {
      if (status.type === 'heartbeats_missed' && status.count >= limit) {
        onRestart(`${status.count} server heartbeats missed`);
        await messages.close();
        return;
      }
      if (status.type === 'no_responders') {
        outcome.unanswered = true;
        onRestart('the pull found no responder (the consumer is not reachable from this server yet)');
        await messages.close();
        return;
      }
    }
  })();
  return outcome;
}

/**
 * Consumes a durable consumer until the signal aborts. A pull that misses the server's
 * heartbeats (its server went away, a cluster moved the consumer's leader) is closed and
 * started again, never left silent; so is one whose consumer could not be reached.
 * Unacknowledged messages are redelivered after the consumer's ack wait either way.
 */
export async function consumeDurable(
  getConsumer: () => Promise<Consumer>,
  options: ConsumeDurableOptions,
  onMessage: (msg: JsMsg) => Promise<void>,
): Promise<void> {
  const onRestart = options.onRestart ?? (() => undefined);
  while (!options.signal.aborted) {
    let messages: ConsumerMessages;
    try {
      messages = await (await getConsumer()).consume({ max_messages: options.maxMessages });
    } catch (error) {
      onRestart(`the consumer could not be reached: ${errorMessage(error)}`);
      await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 1000));
      continue;
    }
    const close = (): void => void messages.close();
    // The signal may have aborted while the pull was being set up.
    if (options.signal.aborted) close();
    else options.signal.addEventListener('abort', close, { once: true });
    const pull = closeWhenSilent(messages, options.missedHeartbeats ?? 3, onRestart);
    options.onConsuming?.(true);
    try {
      for await (const msg of messages) await onMessage(msg);
    } finally {
      options.onConsuming?.(false);
      options.signal.removeEventListener('abort', close);
    }
    if (pull.unanswered) await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 1000));
  }
}
