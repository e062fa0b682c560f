import { hash } from 'node:crypto';
import { v1, type AuditEventProps, type Timestamp } from '../proto/index.js';

export const GENESIS_HASH: Uint8Array = new Uint8Array(32);

export interface ChainHead {
  /** Index the next record gets (the number of records so far). */
  nextIndex: number;
  /** SHA-256 of the last record's body; 32 zero bytes before the first. */
  lastHash: Uint8Array;
}

export const EMPTY_CHAIN: ChainHead = { nextIndex: 0, lastHash: GENESIS_HASH };

/** One-shot: a Hash object per record costs more than the hashing of a small record. */
export function sha256(bytes: Uint8Array): Buffer {
  return hash('sha256', bytes, 'buffer');
}

/**
 * Chains events after `head`: each record carries its index and the previous record's
 * hash, and is stored with SHA-256 of its exact bytes.
 */
export function chainEvents(
  head: ChainHead,
  events: readonly AuditEventProps[],
  appendedAt: Timestamp,
): { records: v1.ChainedRecord.$Properties[]; head: ChainHead } {
  let { nextIndex, lastHash } = head;
  const records = events.map((event) => {
    const body = v1.AuditRecord.encode({ index: nextIndex, prevHash: lastHash, event, appendedAt }).finish();
    const hash = sha256(body);
    nextIndex += 1;
    lastHash = hash;
    return { body, hash };
  });
  return { records, head: { nextIndex, lastHash } };
}
