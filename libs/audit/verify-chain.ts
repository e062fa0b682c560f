import type { CryptoKey } from 'jose';
import { CompactRange, leafHash, MerkleTree, verifyConsistency } from '../merkle/index.js';
import { v1, type AuditRecord } from '../proto/index.js';
import { checkpointSignatureValid, openSignedCheckpoint, type TreeHead } from './checkpoints.js';
import { GENESIS_HASH, sha256 } from './hash-chain.js';

export interface ChainBreak {
  /** Chain index (position counted from 0) of the first record that does not hold. */
  index: number;
  reason: string;
}

export interface ChainReport {
  /** Records read. */
  count: number;
  broken: ChainBreak | undefined;
  checkpoints: number;
  /** Records sealed by the last valid checkpoint (its tree size). */
  sealed: number;
  /** Records after it, not yet sealed by any checkpoint. */
  unsealed: number;
}

/** A checkpoint the auditor already holds (from an earlier export, or an agency's copy). */
export interface TrustedCheckpoint {
  signed: v1.SignedCheckpoint;
  checkpoint: v1.Checkpoint;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/**
 * Checks records one at a time, in stream order, with no bus: each record's hash is
 * SHA-256 of its bytes, its index is its position, it names the previous record's hash;
 * each CHECKPOINT record seals exactly the records before it (RFC 9162 tree head) and is
 * consistent with the checkpoint before it. Signatures and a trusted checkpoint are
 * checked in `finish`. The first failure is kept: a changed, removed, swapped or inserted
 * record shows at the first position where the chain no longer holds.
 */
export class ChainVerifier {
  private position = 0;
  private lastHash: Uint8Array = GENESIS_HASH;
  private broken: ChainBreak | undefined;
  private readonly leaves: Buffer[] = [];
  private readonly range = new CompactRange();
  private readonly checkpoints: { index: number; signed: v1.SignedCheckpoint; head: TreeHead }[] = [];

  /** Returns the decoded record when it holds, undefined once the chain is broken. */
  push(chained: v1.ChainedRecord.$Properties): AuditRecord | undefined {
    if (this.broken) return undefined;
    const index = this.position;
    this.position += 1;
    const body = chained.body ?? new Uint8Array();
    const hash = chained.hash ?? new Uint8Array();
    if (!equalBytes(sha256(body), hash)) return this.fail(index, 'the stored hash is not SHA-256 of the record');
    let record: AuditRecord;
    try {
      record = v1.AuditRecord.decode(body);
    } catch {
      return this.fail(index, 'the record cannot be decoded');
    }
    if (Number(record.index) !== index) return this.fail(index, `the record says index ${String(record.index)} at position ${index}`);
    if (!equalBytes(record.prevHash ?? new Uint8Array(), this.lastHash)) {
      return this.fail(index, "the record's previous-hash is not the hash of the record before it");
    }
    if (record.event?.kind === v1.AuditKind.CHECKPOINT && !this.checkCheckpoint(index, record.event.checkpoint ?? new Uint8Array()))
      return undefined;
    this.lastHash = hash;
    const leaf = leafHash(body);
    this.leaves.push(leaf);
    this.range.append(leaf);
    return record;
  }

  get count(): number {
    return this.position;
  }

  /** The first break found so far by the structural checks (signatures wait for `finish`). */
  get result(): ChainBreak | undefined {
    return this.broken;
  }

  /** The chain's leaves so far (for inclusion proofs). */
  tree(): MerkleTree {
    return new MerkleTree(this.leaves);
  }

  private checkCheckpoint(index: number, bytes: Uint8Array): boolean {
    let opened;
    try {
      opened = openSignedCheckpoint(bytes);
    } catch {
      this.fail(index, 'the checkpoint cannot be decoded');
      return false;
    }
    const { checkpoint, signed } = opened;
    const previous = this.checkpoints.at(-1)?.head;
    const head: TreeHead = { size: Number(checkpoint.treeSize), root: checkpoint.rootHash };
    if (head.size !== index) return this.failed(index, `the checkpoint covers ${head.size} records but stands at index ${index}`);
    if (!equalBytes(head.root, this.range.root()))
      return this.failed(index, 'the checkpoint root is not the tree head of the records before it');
    if (
      Number(checkpoint.previousSize) !== (previous?.size ?? 0) ||
      !equalBytes(checkpoint.previousRoot, previous?.root ?? new Uint8Array())
    ) {
      return this.failed(index, 'the checkpoint does not name the checkpoint before it');
    }
    if (previous && !verifyConsistency(previous.size, head.size, previous.root, head.root, checkpoint.consistency)) {
      return this.failed(index, 'the consistency proof from the previous checkpoint does not verify');
    }
    this.checkpoints.push({ index, signed, head });
    return true;
  }

  /** Signatures of every checkpoint, and consistency with a checkpoint the auditor holds. */
  async finish(auditKey: CryptoKey | undefined, trusted?: TrustedCheckpoint): Promise<ChainReport> {
    for (const c of this.checkpoints) {
      if (this.broken && this.broken.index <= c.index) break;
      if (!auditKey || !(await checkpointSignatureValid(c.signed, auditKey))) {
        this.broken = { index: c.index, reason: "the checkpoint's signature is not the audit key's" };
        break;
      }
    }
    if (trusted) await this.checkTrusted(trusted, auditKey);
    const valid = this.checkpoints.filter((c) => !this.broken || c.index < this.broken.index);
    const sealed = valid.at(-1)?.head.size ?? 0;
    const unsealed = valid.length > 0 ? this.position - sealed - 1 : this.position;
    return { count: this.position, broken: this.broken, checkpoints: valid.length, sealed, unsealed };
  }

  private async checkTrusted(trusted: TrustedCheckpoint, auditKey: CryptoKey | undefined): Promise<void> {
    const fail = (index: number, reason: string): void => {
      if (!this.broken || index < this.broken.index) this.broken = { index, reason };
    };
    if (!auditKey || !(await checkpointSignatureValid(trusted.signed, auditKey))) {
      fail(0, "the trusted checkpoint's signature is not the audit key's");
      return;
    }
    const size = Number(trusted.checkpoint.treeSize);
    if (this.leaves.length < size) {
      fail(
        this.leaves.length,
        `the chain ends at ${this.leaves.length} records; the trusted checkpoint covers ${size}: its tail is missing`,
      );
      return;
    }
    // The chain's checkpoints at or after the trusted one must extend its tree.
    const later = this.checkpoints.find((c) => c.head.size >= size);
    const tree = this.tree();
    const root = tree.root(size);
    const consistent =
      equalBytes(root, trusted.checkpoint.rootHash) &&
      (!later ||
        size === 0 ||
        verifyConsistency(
          size,
          later.head.size,
          trusted.checkpoint.rootHash,
          later.head.root,
          tree.consistencyProof(size, later.head.size),
        ));
    if (!consistent)
      fail(later?.index ?? Math.max(size - 1, 0), `the chain is not consistent with the trusted checkpoint of ${size} records`);
  }

  private fail(index: number, reason: string): undefined {
    this.broken = { index, reason };
    return undefined;
  }

  private failed(index: number, reason: string): false {
    this.broken = { index, reason };
    return false;
  }
}
