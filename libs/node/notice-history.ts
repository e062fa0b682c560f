import type { Supersession } from '../client/index.js';
import type { NodeDatabase } from './node-database.js';

/** One version of a notice the node holds (or held, before a withdrawal emptied it). */
export interface NoticeVersion {
  noticeId: string;
  deliverySeq: number;
  receivedAt: string;
}

/** Past this many versions the history stops growing: a bound on what one notice id can make the node read. */
export const MAX_VERSIONS = 100;

/**
 * The versions of a notice, read from what links them in clear (relation and tombstone
 * rows), no view opened: an UPDATE relation links a version to the one it supersedes,
 * and a tombstone lists the versions of the notice its recipient received. Each is a
 * notice id; what is returned are those the node has a row of, oldest delivery first.
 */
export function versionsOf(db: NodeDatabase, noticeId: string): NoticeVersion[] {
  const newer = db.prepare(
    "SELECT v.notice_id AS id FROM view_relations r JOIN views v ON v.delivery_seq = r.delivery_seq WHERE r.kind = 'UPDATE' AND r.notice_id = ?",
  );
  const older = db.prepare(
    "SELECT r.notice_id AS id FROM view_relations r JOIN views v ON v.delivery_seq = r.delivery_seq WHERE r.kind = 'UPDATE' AND v.notice_id = ?",
  );
  const listedTogether = db.prepare(
    'SELECT b.notice_id AS id FROM tombstone_notices a JOIN tombstone_notices b ON b.delivery_seq = a.delivery_seq WHERE a.notice_id = ?',
  );
  const found = new Set([noticeId]);
  const queue = [noticeId];
  for (let next = queue.shift(); next !== undefined && found.size < MAX_VERSIONS; next = queue.shift()) {
    for (const query of [newer, older, listedTogether]) {
      for (const { id } of query.all(next) as { id: string }[]) {
        if (found.has(id) || found.size >= MAX_VERSIONS) continue;
        found.add(id);
        queue.push(id);
      }
    }
  }
  const held = db.prepare(
    'SELECT notice_id, MIN(delivery_seq) AS delivery_seq, MIN(received_at) AS received_at FROM views WHERE notice_id = ? GROUP BY notice_id',
  );
  return [...found]
    .map((id) => held.get(id) as { notice_id: string; delivery_seq: number; received_at: string } | undefined)
    .filter((row) => row !== undefined)
    .map((row) => ({ noticeId: row.notice_id, deliverySeq: row.delivery_seq, receivedAt: row.received_at }))
    .sort((a, b) => a.deliverySeq - b.deliverySeq);
}

/**
 * What supersedes a notice: the first version received that updates it, or else the first
 * update the bus said was not shared with this agency (an UPDATE tombstone naming it).
 */
export function supersessionOf(db: NodeDatabase, noticeId: string): Supersession | undefined {
  const shared = db
    .prepare(
      "SELECT v.notice_id AS id FROM view_relations r JOIN views v ON v.delivery_seq = r.delivery_seq WHERE r.kind = 'UPDATE' AND r.notice_id = ? ORDER BY v.delivery_seq LIMIT 1",
    )
    .get(noticeId) as { id: string } | undefined;
  if (shared) return { noticeId: shared.id, shared: true };
  const notShared = db
    .prepare(
      "SELECT t.by_notice_id AS id FROM tombstone_notices n JOIN tombstones t ON t.delivery_seq = n.delivery_seq WHERE n.notice_id = ? AND t.kind = 'UPDATE' ORDER BY t.delivery_seq LIMIT 1",
    )
    .get(noticeId) as { id: string } | undefined;
  return notShared ? { noticeId: notShared.id, shared: false } : undefined;
}

/** The deliveries of views that reply to a notice, oldest first. */
export function replySeqsOf(db: NodeDatabase, noticeId: string): number[] {
  const rows = db
    .prepare("SELECT delivery_seq FROM view_relations WHERE kind = 'REPLY' AND notice_id = ? ORDER BY delivery_seq")
    .all(noticeId) as { delivery_seq: number }[];
  return rows.map((r) => r.delivery_seq);
}
