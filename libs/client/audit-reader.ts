import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { streams } from '../bus/index.js';
import { v1 } from '../proto/index.js';
import { readStream } from './read-stream.js';

/** How far a read of the audit stream has got, in blocks (stream messages): `read` so far, `pending` still to come. */
export interface AuditReadProgress {
  read: number;
  pending: number;
}

/** Every chained record the audit stream holds, in chain order, block by block; `onBlock` after each block's records. */
export async function readAuditRecords(
  js: JetStreamClient,
  jsm: JetStreamManager,
  onRecord: (chained: v1.ChainedRecord.$Properties) => void,
  onBlock?: (progress: AuditReadProgress) => void,
): Promise<void> {
  let read = 0;
  await readStream(js, jsm, streams.audit, {}, (msg) => {
    for (const chained of v1.AuditBlock.decode(msg.data).records) onRecord(chained);
    read += 1;
    onBlock?.({ read, pending: msg.info.pending });
  });
}
