import type { NodeDatabase } from './node-database.js';

/** Who read what through the node: an officer's account (`officer:NAME`) or an API token (`token:NAME`). */
export type Reader = `officer:${string}` | `token:${string}`;

export interface ViewRead {
  noticeId: string;
  reader: string;
  readAt: string;
}

/**
 * Every read of a view through the node, and the read receipts its officers gave: for the
 * agency's data-protection officer. Kept past the views' retention (it holds no content).
 */
export class AccessLog {
  constructor(private readonly db: NodeDatabase) {}

  recordRead(noticeId: string, reader: Reader, at: Date): void {
    this.db.prepare('INSERT INTO view_reads (notice_id, reader, read_at) VALUES (?, ?, ?)').run(noticeId, reader, at.toISOString());
  }

  /** True when this reader had not yet given a receipt for the notice. */
  recordReceipt(noticeId: string, reader: Reader, at: Date): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO receipts (notice_id, reader, read_at) VALUES (?, ?, ?)')
        .run(noticeId, reader, at.toISOString()).changes === 1
    );
  }

  /** The notices this reader has given a receipt for. */
  receiptsBy(reader: Reader): Map<string, string> {
    const rows = this.db.prepare('SELECT notice_id, read_at FROM receipts WHERE reader = ?').all(reader) as {
      notice_id: string;
      read_at: string;
    }[];
    return new Map(rows.map((r) => [r.notice_id, r.read_at]));
  }

  /** Reads since a time, oldest first (all when `since` is absent). */
  reads(since?: Date): ViewRead[] {
    const rows = this.db
      .prepare('SELECT notice_id, reader, read_at FROM view_reads WHERE read_at >= ? ORDER BY id')
      .all(since ? since.toISOString() : '') as { notice_id: string; reader: string; read_at: string }[];
    return rows.map((r) => ({ noticeId: r.notice_id, reader: r.reader, readAt: r.read_at }));
  }
}
