import { v1, type AuditRecord } from '../proto/index.js';
import { GENESIS_HASH, sha256 } from './hash-chain.js';

export interface ChainBreak {
  /** Chain index (position counted from 0) of the first record that does not hold. */
  index: number;
  reason: string;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/**
 * Checks records one at a time, in stream order, with no bus: each record's hash is
 * SHA-256 of its bytes, its index is its position, and it names the previous record's
 * hash. The first failure is kept; a changed, removed, swapped or inserted record
 * shows at the first position where the chain no longer holds.
 */
export class ChainVerifier {
  private position = 0;
  private lastHash: Uint8Array = GENESIS_HASH;
  private broken: ChainBreak | undefined;

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
    this.lastHash = hash;
    return record;
  }

  get count(): number {
    return this.position;
  }

  get result(): ChainBreak | undefined {
    return this.broken;
  }

  private fail(index: number, reason: string): undefined {
    this.broken = { index, reason };
    return undefined;
  }
}
