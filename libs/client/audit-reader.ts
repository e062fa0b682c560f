import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { streams } from '../bus/index.js';
import { v1 } from '../proto/index.js';
import { readStream } from './read-stream.js';

/** Every chained record the audit stream holds, in chain order, block by block. */
export async function readAuditRecords(
  js: JetStreamClient,
  jsm: JetStreamManager,
  onRecord: (chained: v1.ChainedRecord.$Properties) => void,
): Promise<void> {
  await readStream(js, jsm, streams.audit, {}, (msg) => {
    for (const chained of v1.AuditBlock.decode(msg.data).records) onRecord(chained);
  });
}
