import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { EMPTY_CHAIN, openSignedCheckpoint, RecentEventIds, type ChainHead, type TreeHead } from '../../libs/audit/index.js';
import { streams } from '../../libs/bus/index.js';
import { readStream } from '../../libs/client/index.js';
import { leafHash } from '../../libs/merkle/index.js';
import { dateFromTimestamp, v1 } from '../../libs/proto/index.js';
import { NoticeIndex } from './notice-index.js';

export interface ChainTail {
  head: ChainHead;
  /** The ACCORD_EVENTS sequence up to which events are chained. */
  sourceSeq: number;
  /** The AUDIT stream's last sequence, which the next append must expect. */
  lastStreamSeq: number;
}

/** All the writer needs to go on: the tail, every leaf hash, the last checkpoint, the notice index. */
export interface ChainState {
  tail: ChainTail;
  leaves: Buffer[];
  lastCheckpoint: TreeHead | undefined;
  lastCheckpointAt: Date | undefined;
  notices: NoticeIndex;
  recentEventIds: RecentEventIds;
}

/**
 * How many recently chained event ids the writer remembers (about 100 MB): some 45 s of
 * events at the 3,000 notices/s target and minutes at ordinary load, beyond the 30 s
 * after which a crashed service's unacknowledged work is redelivered and sent again.
 */
const RECENT_EVENT_IDS = 1_000_000;

/**
 * Reads the chain from its start: the chain is its own bookmark (the last block records
 * how far ACCORD_EVENTS is chained) and holds its own Merkle leaves and checkpoints.
 */
export async function loadChain(js: JetStreamClient, jsm: JetStreamManager): Promise<ChainState> {
  const info = await jsm.streams.info(streams.audit);
  const state: ChainState = {
    tail: { head: EMPTY_CHAIN, sourceSeq: 0, lastStreamSeq: info.state.last_seq },
    leaves: [],
    lastCheckpoint: undefined,
    lastCheckpointAt: undefined,
    notices: new NoticeIndex(),
    recentEventIds: new RecentEventIds(RECENT_EVENT_IDS),
  };
  await readStream(js, jsm, streams.audit, { idleMs: 30_000 }, (msg) => {
    const block = v1.AuditBlock.decode(msg.data);
    for (const chained of block.records) {
      const body = chained.body ?? new Uint8Array();
      const record = v1.AuditRecord.decode(body);
      state.leaves.push(leafHash(body));
      state.tail.head = { nextIndex: Number(record.index) + 1, lastHash: chained.hash ?? new Uint8Array() };
      state.notices.add(record.event?.noticeId ?? '', msg.seq);
      state.recentEventIds.add(record.event?.eventId ?? '');
      if (record.event?.kind === v1.AuditKind.CHECKPOINT) {
        const { checkpoint } = openSignedCheckpoint(record.event.checkpoint ?? new Uint8Array());
        state.lastCheckpoint = { size: Number(checkpoint.treeSize), root: checkpoint.rootHash };
        state.lastCheckpointAt = dateFromTimestamp(checkpoint.time);
      }
    }
    state.tail.sourceSeq = Number(block.sourceSeq);
    state.tail.lastStreamSeq = msg.seq;
  });
  return state;
}
