import type { NodeDatabase } from './node-database.js';

/**
 * The audit checkpoints the node keeps, each verified against the audit key, by tree
 * size: an operator who rewrote the audit history would have to show a tree inconsistent
 * with one the agency holds (`accord audit replay --trusted-checkpoint`).
 */
export class NodeCheckpointStore {
  constructor(private readonly db: NodeDatabase) {}

  /** True when the checkpoint is new. */
  save(treeSize: number, signed: Uint8Array, receivedAt: string): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO checkpoints (checkpoint_seq, received_at, signed) VALUES (?, ?, ?)')
        .run(treeSize, receivedAt, Buffer.from(signed)).changes === 1
    );
  }
}
