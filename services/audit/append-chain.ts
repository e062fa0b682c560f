import type { JetStreamClient } from '@nats-io/jetstream';
import { chainEvents } from '../../libs/audit/index.js';
import { subjects } from '../../libs/bus/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';
import type { ChainTail } from './chain-tail.js';

/** Blocks stay well under the server's max_payload. */
const MAX_BLOCK_BYTES = 512 * 1024;

/**
 * Appends events as consecutive records, in as few blocks as fit, each write expecting
 * the stream's last sequence so two writers can never interleave the chain.
 */
export async function appendToChain(js: JetStreamClient, tail: ChainTail, events: readonly AuditEventProps[], sourceSeq: number): Promise<ChainTail> {
  const { records, head } = chainEvents(tail.head, events, timestampFromDate(new Date()));
  let lastStreamSeq = tail.lastStreamSeq;
  let firstIndex = tail.head.nextIndex;
  let start = 0;
  while (start < records.length) {
    let end = start;
    let size = 0;
    while (end < records.length && (end === start || size + (records[end]?.body?.length ?? 0) + 64 < MAX_BLOCK_BYTES)) {
      size += (records[end]?.body?.length ?? 0) + 64;
      end += 1;
    }
    const isLast = end === records.length;
    const block = v1.AuditBlock.encode({ records: records.slice(start, end), sourceSeq: isLast ? sourceSeq : tail.sourceSeq }).finish();
    const ack = await js.publish(subjects.auditChain, block, {
      msgID: `chain/${firstIndex}`,
      expect: { lastSequence: lastStreamSeq },
    });
    lastStreamSeq = ack.seq;
    firstIndex += end - start;
    start = end;
  }
  return { head, sourceSeq, lastStreamSeq };
}
