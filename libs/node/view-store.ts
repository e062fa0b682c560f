import type { Supersession, TombstoneRecord, ViewRelation, Withdrawal } from '../client/index.js';
import type { NodeDatabase } from './node-database.js';
import { replySeqsOf, supersessionOf, versionsOf, type NoticeVersion } from './notice-history.js';
import type { ViewCipher } from './view-cipher.js';

/** A verified view as the node keeps it; only `sealed` in its row holds its content. */
export interface NodeView {
  deliverySeq: number;
  noticeId: string;
  receivedAt: string;
  /** The view as delivered (SignedView, base64), so anyone can verify it again. */
  signedView: string;
  /** Readable form: every element with its value. */
  view: Record<string, unknown>;
  traceparent?: string;
}

/** What a withdrawal left of a view: its row's ids and times, and the withdrawal; its content is deleted. */
export interface NodeWithdrawnView {
  deliverySeq: number;
  noticeId: string;
  receivedAt: string;
  withdrawn: Withdrawal;
}

/** A tombstone as the node keeps it: the record in clear but its reason, sealed with the signed bytes. */
export interface NodeTombstone {
  deliverySeq: number;
  receivedAt: string;
  signedView: string;
  tombstone: TombstoneRecord;
  traceparent?: string;
}

/** A delivery the node holds, in the order of the deliveries stream. */
export type NodeEntry = NodeView | NodeWithdrawnView | NodeTombstone;

export const isWithdrawnView = (entry: NodeEntry): entry is NodeWithdrawnView => 'withdrawn' in entry;
export const isTombstone = (entry: NodeEntry): entry is NodeTombstone => 'tombstone' in entry;

interface ViewRow {
  delivery_seq: number;
  notice_id: string;
  received_at: string;
  sealed: Buffer;
}

interface TombstoneRow {
  delivery_seq: number;
  kind: 'UPDATE' | 'WITHDRAWAL';
  by_notice_id: string;
  issuing_agency: string;
  issued_at: string;
  withdrawal_code: string;
  received_at: string;
  sealed: Buffer;
}

interface SealedContent {
  signedView: string;
  view: Record<string, unknown>;
  traceparent?: string;
}

interface SealedTombstone {
  signedView: string;
  reason: string;
  traceparent?: string;
}

const aad = (seq: number): string => `view:${seq}`;
const tombstoneAad = (seq: number): string => `tombstone:${seq}`;
const VIEW_COLUMNS = 'delivery_seq, notice_id, received_at, sealed';
const TOMBSTONE_COLUMNS = 'delivery_seq, kind, by_notice_id, issuing_agency, issued_at, withdrawal_code, received_at, sealed';
/** The withdrawal tombstone naming a notice, if one came. */
const WITHDRAWAL_OF = `SELECT t.* FROM tombstone_notices n JOIN tombstones t ON t.delivery_seq = n.delivery_seq
  WHERE n.notice_id = ? AND t.kind = 'WITHDRAWAL' ORDER BY t.delivery_seq LIMIT 1`;

/**
 * The node's verified views and tombstones, keyed by their sequence in the deliveries
 * stream: saving the same delivery twice (a redelivery after a crash between commit and
 * ack) keeps one row. A withdrawal deletes the content of every view of the notices it
 * names, in the same transaction as its own row; the database overwrites deleted content
 * (secure_delete) and the write-ahead log is emptied after it, so the ciphertext is gone
 * from the files, not only unreachable.
 */
export class NodeViewStore {
  constructor(
    private readonly db: NodeDatabase,
    private readonly cipher: ViewCipher,
  ) {}

  /**
   * True when the view is new; false when this delivery is already stored. Its relations
   * (those it was granted) link it to the notices it answers or supersedes. A view of a
   * notice already withdrawn keeps its row, to stay one, but none of its content.
   */
  save(view: NodeView, relations: readonly ViewRelation[] = []): boolean {
    return this.db.transaction(() => {
      const withdrawn = this.db.prepare(WITHDRAWAL_OF).get(view.noticeId) !== undefined;
      const content: SealedContent = {
        signedView: view.signedView,
        view: view.view,
        ...(view.traceparent ? { traceparent: view.traceparent } : {}),
      };
      const sealed = withdrawn ? Buffer.alloc(0) : this.cipher.seal(Buffer.from(JSON.stringify(content), 'utf8'), aad(view.deliverySeq));
      const result = this.db
        .prepare('INSERT OR IGNORE INTO views (delivery_seq, notice_id, received_at, sealed) VALUES (?, ?, ?, ?)')
        .run(view.deliverySeq, view.noticeId, view.receivedAt, sealed);
      if (result.changes === 1 && !withdrawn) {
        const relate = this.db.prepare('INSERT OR IGNORE INTO view_relations (delivery_seq, kind, notice_id) VALUES (?, ?, ?)');
        for (const r of relations) relate.run(view.deliverySeq, r.kind, r.noticeId);
      }
      return result.changes === 1;
    })();
  }

  /**
   * Keeps a tombstone (whether or not the node holds a view it names) and applies it: a
   * withdrawal empties the rows of every view of its notices and drops their relations;
   * an update is read from its row (supersededBy). True when the tombstone is new.
   */
  saveTombstone(tombstone: NodeTombstone): boolean {
    const t = tombstone.tombstone;
    const stored = this.db.transaction(() => {
      const sealed: SealedTombstone = {
        signedView: tombstone.signedView,
        reason: t.reason ?? '',
        ...(tombstone.traceparent ? { traceparent: tombstone.traceparent } : {}),
      };
      const inserted =
        this.db
          .prepare(`INSERT OR IGNORE INTO tombstones (${TOMBSTONE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(
            tombstone.deliverySeq,
            t.kind,
            t.byNoticeId,
            t.issuingAgency,
            t.issuedAt,
            t.withdrawalCode ?? '',
            tombstone.receivedAt,
            this.cipher.seal(Buffer.from(JSON.stringify(sealed), 'utf8'), tombstoneAad(tombstone.deliverySeq)),
          ).changes === 1;
      if (inserted) {
        const list = this.db.prepare('INSERT INTO tombstone_notices (delivery_seq, position, notice_id) VALUES (?, ?, ?)');
        t.noticeIds.forEach((id, position) => list.run(tombstone.deliverySeq, position, id));
      }
      if (t.kind === 'WITHDRAWAL') {
        const erase = this.db.prepare("UPDATE views SET sealed = x'' WHERE notice_id = ?");
        const unrelate = this.db.prepare(
          'DELETE FROM view_relations WHERE delivery_seq IN (SELECT delivery_seq FROM views WHERE notice_id = ?)',
        );
        for (const id of t.noticeIds) {
          erase.run(id);
          unrelate.run(id);
        }
      }
      return inserted;
    })();
    // The old pages leave the write-ahead log as well (secure_delete zeroed them in the database).
    if (t.kind === 'WITHDRAWAL') this.db.pragma('wal_checkpoint(TRUNCATE)');
    return stored;
  }

  /** A delivery that failed verification: kept aside (sealed), never shown as genuine. */
  reject(deliverySeq: number, signedView: Uint8Array, reason: string, receivedAt: string): boolean {
    const sealed = this.cipher.seal(signedView, `rejected:${deliverySeq}`);
    const result = this.db
      .prepare('INSERT OR IGNORE INTO rejected_views (delivery_seq, received_at, reason, sealed) VALUES (?, ?, ?, ?)')
      .run(deliverySeq, receivedAt, reason, sealed);
    return result.changes === 1;
  }

  /** Deliveries after the cursor (a delivery sequence), oldest first: views, what withdrawals left of views, tombstones. */
  list(after: number, limit: number): { entries: NodeEntry[]; next?: number } {
    const views = this.db
      .prepare(`SELECT ${VIEW_COLUMNS} FROM views WHERE delivery_seq > ? ORDER BY delivery_seq LIMIT ?`)
      .all(after, limit + 1) as ViewRow[];
    const tombstones = this.db
      .prepare(`SELECT ${TOMBSTONE_COLUMNS} FROM tombstones WHERE delivery_seq > ? ORDER BY delivery_seq LIMIT ?`)
      .all(after, limit + 1) as TombstoneRow[];
    const rows = [...views.map((row) => ({ row, tombstone: false })), ...tombstones.map((row) => ({ row, tombstone: true }))]
      .sort((a, b) => a.row.delivery_seq - b.row.delivery_seq)
      .slice(0, limit + 1);
    const page = rows
      .slice(0, limit)
      .map(({ row, tombstone }) => (tombstone ? this.openTombstone(row as TombstoneRow) : this.openView(row as ViewRow)));
    const last = page.at(-1);
    return rows.length > limit && last ? { entries: page, next: last.deliverySeq } : { entries: page };
  }

  /** The newest view of a notice with its content, if the node holds one (a withdrawn notice has none). */
  latest(noticeId: string): NodeView | undefined {
    const row = this.db
      .prepare(`SELECT ${VIEW_COLUMNS} FROM views WHERE notice_id = ? AND length(sealed) > 0 ORDER BY delivery_seq DESC LIMIT 1`)
      .get(noticeId) as ViewRow | undefined;
    return row ? (this.openView(row) as NodeView) : undefined;
  }

  /** The withdrawal of a notice, if its issuer withdrew it (kept whether or not the node held the notice). */
  withdrawal(noticeId: string): NodeTombstone | undefined {
    const row = this.db.prepare(WITHDRAWAL_OF).get(noticeId) as TombstoneRow | undefined;
    return row ? this.openTombstone(row) : undefined;
  }

  /** Every version of the notice the node has a row of, oldest first (itself alone when it was never updated). */
  versions(noticeId: string): NoticeVersion[] {
    return versionsOf(this.db, noticeId);
  }

  /** The version that supersedes the notice, or that one exists but was not shared with this agency. */
  supersededBy(noticeId: string): Supersession | undefined {
    return supersessionOf(this.db, noticeId);
  }

  /** The views that reply to a notice (the agency's own, as a rule), oldest first. */
  repliesTo(noticeId: string): NodeView[] {
    const open = this.db.prepare(`SELECT ${VIEW_COLUMNS} FROM views WHERE delivery_seq = ? AND length(sealed) > 0`);
    return replySeqsOf(this.db, noticeId)
      .map((seq) => open.get(seq) as ViewRow | undefined)
      .filter((row) => row !== undefined)
      .map((row) => this.openView(row) as NodeView);
  }

  /** Rows of views, withdrawn ones included (each is an inbox row). */
  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM views').get() as { n: number }).n;
  }

  /** Deletes views and tombstones received before the cutoff (the agency's retention period). */
  purgeReceivedBefore(cutoff: Date): number {
    const iso = cutoff.toISOString();
    return this.db.transaction(() => {
      const views = this.db.prepare('DELETE FROM views WHERE received_at < ?').run(iso).changes;
      const rejected = this.db.prepare('DELETE FROM rejected_views WHERE received_at < ?').run(iso).changes;
      const tombstones = this.db.prepare('DELETE FROM tombstones WHERE received_at < ?').run(iso).changes;
      return views + rejected + tombstones;
    })();
  }

  private openView(row: ViewRow): NodeView | NodeWithdrawnView {
    const ids = { deliverySeq: row.delivery_seq, noticeId: row.notice_id, receivedAt: row.received_at };
    if (row.sealed.length === 0) {
      const withdrawal = this.withdrawal(row.notice_id);
      // An empty row is one a withdrawal emptied; its tombstone outlives it unless both were purged apart.
      const record: Withdrawal = withdrawal
        ? { ...withdrawal.tombstone, withdrawnAt: withdrawal.receivedAt }
        : { kind: 'WITHDRAWAL', byNoticeId: '', issuingAgency: '', issuedAt: '', noticeIds: [row.notice_id], withdrawnAt: '' };
      return { ...ids, withdrawn: record };
    }
    const content = JSON.parse(this.cipher.open(row.sealed, aad(row.delivery_seq)).toString('utf8')) as SealedContent;
    return {
      ...ids,
      signedView: content.signedView,
      view: content.view,
      ...(content.traceparent ? { traceparent: content.traceparent } : {}),
    };
  }

  private openTombstone(row: TombstoneRow): NodeTombstone {
    const sealed = JSON.parse(this.cipher.open(row.sealed, tombstoneAad(row.delivery_seq)).toString('utf8')) as SealedTombstone;
    const noticeIds = (
      this.db.prepare('SELECT notice_id FROM tombstone_notices WHERE delivery_seq = ? ORDER BY position').all(row.delivery_seq) as {
        notice_id: string;
      }[]
    ).map((r) => r.notice_id);
    const tombstone: TombstoneRecord = {
      kind: row.kind,
      byNoticeId: row.by_notice_id,
      issuingAgency: row.issuing_agency,
      issuedAt: row.issued_at,
      noticeIds,
      ...(row.kind === 'WITHDRAWAL' ? { withdrawalCode: row.withdrawal_code, reason: sealed.reason } : {}),
    };
    return {
      deliverySeq: row.delivery_seq,
      receivedAt: row.received_at,
      signedView: sealed.signedView,
      tombstone,
      ...(sealed.traceparent ? { traceparent: sealed.traceparent } : {}),
    };
  }
}
