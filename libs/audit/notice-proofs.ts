import { v1, type AuditRecord } from '../proto/index.js';
import { auditKindName } from './audit-kinds.js';
import { openSignedCheckpoint } from './checkpoints.js';
import { ChainVerifier } from './verify-chain.js';

/** An inclusion proof of one record of a notice in the latest signed checkpoint, as `accord audit proof` prints it. */
export interface SealedProofLine {
  noticeId: string;
  index: number;
  kind: string;
  /** RFC 9162 leaf hash, SHA-256(0x00 || record bytes), base64. */
  leafHash: string;
  treeSize: number;
  rootHash: string;
  proof: string[];
  /** Chain index of the checkpoint record. */
  checkpointIndex: number;
  /** The SignedCheckpoint bytes, base64. */
  signedCheckpoint: string;
}

/** A record after the latest checkpoint: no proof yet. */
export interface UnsealedProofLine {
  noticeId: string;
  index: number;
  kind: string;
  unsealed: true;
}

export type ProofLine = SealedProofLine | UnsealedProofLine;

/** One record of the notice, as read. */
export interface NoticeRecord {
  index: number;
  record: AuditRecord;
  /** SHA-256 of the record's bytes, as chained. */
  hash: Uint8Array;
}

export interface NoticeProofsOptions {
  /**
   * Also the RECEIVED record of each submission of the notice: ingest records a
   * submission's receipt before it has read the notice, under the agency and the
   * submission's ingest sequence, which the notice's ACCEPTED (or QUARANTINED) record
   * names too. Off by default: `accord audit proof` lists the records naming the notice.
   */
  received?: boolean;
}

/**
 * RECEIVED records kept while looking for the decision that names their notice: a
 * submission's events are chained together (one decision), so its RECEIVED record is
 * never far before its ACCEPTED one. Bounded: the oldest are forgotten first.
 */
const RECEIVED_WINDOW = 4096;

const submissionKey = (agency: string, ingestSeq: unknown): string => `${agency}/${Number(ingestSeq ?? 0)}`;

/**
 * Collects, as the chain is read in order, what the inclusion proofs of one notice's
 * records need: the records themselves, the chain's leaves (through a ChainVerifier, so
 * nothing is proved past a break) and the latest checkpoint. Memory: the notice's records,
 * a bounded window of RECEIVED records (with `received`), and 32 bytes a record of the chain.
 */
export class NoticeProofs {
  private readonly verifier = new ChainVerifier();
  private readonly mine: NoticeRecord[] = [];
  private readonly receivedWindow = new Map<string, NoticeRecord>();
  private latest: { index: number; bytes: Uint8Array } | undefined;

  constructor(
    readonly noticeId: string,
    private readonly options: NoticeProofsOptions = {},
  ) {}

  push(chained: v1.ChainedRecord.$Properties): void {
    const index = this.verifier.count;
    const record = this.verifier.push(chained);
    const e = record?.event;
    if (!record || !e) return;
    const found: NoticeRecord = { index, record, hash: chained.hash ?? new Uint8Array() };
    if (this.options.received && e.kind === v1.AuditKind.RECEIVED && e.agency && e.ingestSeq) {
      this.receivedWindow.set(submissionKey(e.agency, e.ingestSeq), found);
      if (this.receivedWindow.size > RECEIVED_WINDOW) this.receivedWindow.delete(this.receivedWindow.keys().next().value ?? '');
    }
    if (e.noticeId === this.noticeId) {
      const key = submissionKey(e.agency ?? '', e.ingestSeq);
      const received = e.ingestSeq ? this.receivedWindow.get(key) : undefined;
      this.mine.push(found);
      if (received) {
        this.receivedWindow.delete(key);
        this.mine.push(received);
        this.mine.sort((a, b) => a.index - b.index);
      }
    }
    if (e.kind === v1.AuditKind.CHECKPOINT) this.latest = { index, bytes: e.checkpoint ?? new Uint8Array() };
  }

  /** The notice's records, in chain order. */
  get records(): readonly NoticeRecord[] {
    return this.mine;
  }

  /** Records read (the chain's height when the whole chain was read). */
  get count(): number {
    return this.verifier.count;
  }

  /** The latest checkpoint read: its chain index and the records it seals. */
  get checkpoint(): { index: number; treeSize: number } | undefined {
    return this.latest
      ? { index: this.latest.index, treeSize: Number(openSignedCheckpoint(this.latest.bytes).checkpoint.treeSize) }
      : undefined;
  }

  /** One line per record of the notice: its proof in the latest checkpoint, or unsealed. */
  lines(): ProofLine[] {
    const latest = this.latest;
    const size = this.checkpoint?.treeSize ?? 0;
    const tree = this.verifier.tree();
    return this.mine.map(({ index, record }): ProofLine => {
      const base = { noticeId: this.noticeId, index, kind: auditKindName(record.event?.kind) };
      if (!latest || index >= size) return { ...base, unsealed: true };
      return {
        ...base,
        leafHash: tree.root(index + 1, index).toString('base64'),
        treeSize: size,
        rootHash: tree.root(size).toString('base64'),
        proof: tree.inclusionProof(index, size).map((p) => p.toString('base64')),
        checkpointIndex: latest.index,
        signedCheckpoint: Buffer.from(latest.bytes).toString('base64'),
      };
    });
  }
}
