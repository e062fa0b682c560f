import type { JetStreamClient } from '@nats-io/jetstream';
import { chainEvents } from '../../libs/audit/index.js';
import { messageIds, subjects } from '../../libs/bus/index.js';
import { timestampFromDate, v1, type AuditEventProps } from '../../libs/proto/index.js';
import type { ChainTail } from './chain-tail.js';

/** Blocks stay well under the server's max_payload. */
const MAX_BLOCK_BYTES = 512 * 1024;

/** The events one ACCORD_EVENTS message carries, with that message's sequence. */
export interface SourceGroup {
  seq: number;
  events: AuditEventProps[];
}

/**
 * Appends the groups' events as consecutive records. A block holds whole groups only and
 * records the sequence of its last one, so a writer that dies between two blocks resumes
 * exactly after the last group chained: nothing twice, nothing skipped. Each write
 * expects the stream's last sequence, so two writers can never interleave the chain.
 */
export async function appendToChain(
  js: JetStreamClient,
  start: ChainTail,
  groups: readonly SourceGroup[],
): Promise<{ tail: ChainTail; bodies: Uint8Array[]; blockSeqs: number[] }> {
  let tail = start;
  const bodies: Uint8Array[] = [];
  // The block each body went into, to index where a notice's records are.
  const blockSeqs: number[] = [];
  let i = 0;
  while (i < groups.length) {
    const blockGroups: SourceGroup[] = [];
    let size = 0;
    while (i < groups.length) {
      const group = groups[i] as SourceGroup;
      const estimate = group.events.reduce((n, e) => n + v1.AuditEvent.encode(e).len + 120, 0);
      if (blockGroups.length > 0 && size + estimate > MAX_BLOCK_BYTES) break;
      blockGroups.push(group);
      size += estimate;
      i += 1;
    }
    const last = blockGroups.at(-1) as SourceGroup;
    const events = blockGroups.flatMap((g) => g.events);
    if (events.length === 0) {
      tail = { ...tail, sourceSeq: last.seq };
      continue;
    }
    const { records, head } = chainEvents(tail.head, events, timestampFromDate(new Date()));
    const block = v1.AuditBlock.encode({ records, sourceSeq: last.seq }).finish();
    const ack = await js.publish(subjects.auditChain, block, {
      msgID: messageIds.chain(tail.head.nextIndex),
      expect: { lastSequence: tail.lastStreamSeq },
    });
    tail = { head, sourceSeq: last.seq, lastStreamSeq: ack.seq };
    bodies.push(...records.map((r) => r.body ?? new Uint8Array()));
    blockSeqs.push(...records.map(() => ack.seq));
  }
  return { tail, bodies, blockSeqs };
}
