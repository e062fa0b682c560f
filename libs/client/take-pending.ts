import type { Consumer, JsMsg } from '@nats-io/jetstream';

/**
 * Takes what a durable pull consumer holds now, in batches, and returns when it is empty
 * (instead of waiting for more). Messages another reader took and did not acknowledge
 * come back after the consumer's ack wait; a later call takes them.
 */
export async function takePending(consumer: Consumer, onMessage: (msg: JsMsg) => Promise<void>): Promise<void> {
  let pending = (await consumer.info()).num_pending;
  while (pending > 0) {
    const batch = await consumer.fetch({ max_messages: Math.min(pending, 100), expires: 5000 });
    let count = 0;
    for await (const msg of batch) {
      count += 1;
      pending = msg.info.pending;
      await onMessage(msg);
    }
    if (count === 0) break;
  }
}
