import type { JetStreamClient } from '@nats-io/jetstream';
import { streams, subjects } from '../bus/index.js';
import { AccordError } from '../errors/index.js';
import { v1 } from '../proto/index.js';

/** Waits for ingest's decision on the submission with this ingest sequence. */
export async function awaitDecision(js: JetStreamClient, agency: string, seq: number, timeoutMs: number): Promise<v1.Decision> {
  const consumer = await js.consumers.get(streams.events, { filter_subjects: [subjects.decision(agency, seq)] });
  const messages = await consumer.consume({ max_messages: 1 });
  const timer = setTimeout(() => void messages.close(), timeoutMs);
  try {
    for await (const msg of messages) return v1.Decision.decode(msg.data);
  } finally {
    clearTimeout(timer);
    await messages.close();
  }
  throw new AccordError('E_TIMEOUT', `no decision on submission ${seq} from ${agency} within ${timeoutMs / 1000} s (is ingest running?)`);
}
