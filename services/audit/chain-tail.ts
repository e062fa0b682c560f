import type { JetStreamManager } from '@nats-io/jetstream';
import { EMPTY_CHAIN, type ChainHead } from '../../libs/audit/index.js';
import { streams } from '../../libs/bus/index.js';
import { AccordError } from '../../libs/errors/index.js';
import { v1 } from '../../libs/proto/index.js';

export interface ChainTail {
  head: ChainHead;
  /** The ACCORD_EVENTS sequence up to which events are chained. */
  sourceSeq: number;
  /** The AUDIT stream's last sequence, which the next append must expect. */
  lastStreamSeq: number;
}

/** Where the chain stands, read from its own last block: the chain is its own bookmark. */
export async function readChainTail(jsm: JetStreamManager): Promise<ChainTail> {
  const info = await jsm.streams.info(streams.audit);
  const lastStreamSeq = info.state.last_seq;
  if (info.state.messages === 0) return { head: EMPTY_CHAIN, sourceSeq: 0, lastStreamSeq };
  const stored = await jsm.streams.getMessage(streams.audit, { seq: lastStreamSeq });
  if (!stored) throw new AccordError('E_STATE', `audit block ${lastStreamSeq} cannot be read`);
  const block = v1.AuditBlock.decode(stored.data);
  const last = block.records.at(-1);
  if (!last) throw new AccordError('E_STATE', `audit block ${lastStreamSeq} holds no record`);
  const record = v1.AuditRecord.decode(last.body ?? new Uint8Array());
  return {
    head: { nextIndex: Number(record.index) + 1, lastHash: last.hash ?? new Uint8Array() },
    sourceSeq: Number(block.sourceSeq),
    lastStreamSeq,
  };
}
