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

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM checkpoints').get() as { n: number }).n;
  }

  /** The newest checkpoint's signed bytes, for `audit replay --trusted-checkpoint`. */
  latest(): { treeSize: number; signed: Buffer } | undefined {
    const row = this.db.prepare('SELECT checkpoint_seq, signed FROM checkpoints ORDER BY checkpoint_seq DESC LIMIT 1').get() as
      { checkpoint_seq: number; signed: Buffer } | undefined;
    return row ? { treeSize: row.checkpoint_seq, signed: row.signed } : undefined;
  }
}
