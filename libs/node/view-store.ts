import type { NodeDatabase } from './node-database.js';
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

interface ViewRow {
  delivery_seq: number;
  notice_id: string;
  received_at: string;
  sealed: Buffer;
}

interface SealedContent {
  signedView: string;
  view: Record<string, unknown>;
  traceparent?: string;
}

const aad = (seq: number): string => `view:${seq}`;

/**
 * The node's verified views, keyed by their sequence in the deliveries stream: saving the
 * same delivery twice (a redelivery after a crash between commit and ack) keeps one row.
 */
export class NodeViewStore {
  constructor(
    private readonly db: NodeDatabase,
    private readonly cipher: ViewCipher,
  ) {}

  /** True when the view is new; false when this delivery is already stored. */
  save(view: NodeView): boolean {
    const content: SealedContent = {
      signedView: view.signedView,
      view: view.view,
      ...(view.traceparent ? { traceparent: view.traceparent } : {}),
    };
    const sealed = this.cipher.seal(Buffer.from(JSON.stringify(content), 'utf8'), aad(view.deliverySeq));
    const result = this.db
      .prepare('INSERT OR IGNORE INTO views (delivery_seq, notice_id, received_at, sealed) VALUES (?, ?, ?, ?)')
      .run(view.deliverySeq, view.noticeId, view.receivedAt, sealed);
    return result.changes === 1;
  }

  /** A delivery that failed verification: kept aside (sealed), never shown as genuine. */
  reject(deliverySeq: number, signedView: Uint8Array, reason: string, receivedAt: string): boolean {
    const sealed = this.cipher.seal(signedView, `rejected:${deliverySeq}`);
    const result = this.db
      .prepare('INSERT OR IGNORE INTO rejected_views (delivery_seq, received_at, reason, sealed) VALUES (?, ?, ?, ?)')
      .run(deliverySeq, receivedAt, reason, sealed);
    return result.changes === 1;
  }

  /** Views after the cursor (a delivery sequence), oldest first. */
  list(after: number, limit: number): { views: NodeView[]; next?: number } {
    const rows = this.db
      .prepare('SELECT delivery_seq, notice_id, received_at, sealed FROM views WHERE delivery_seq > ? ORDER BY delivery_seq LIMIT ?')
      .all(after, limit + 1) as ViewRow[];
    const page = rows.slice(0, limit).map((r) => this.open(r));
    const last = page.at(-1);
    return rows.length > limit && last ? { views: page, next: last.deliverySeq } : { views: page };
  }

  /** The newest view of a notice, if the node holds one. */
  latest(noticeId: string): NodeView | undefined {
    const row = this.db
      .prepare('SELECT delivery_seq, notice_id, received_at, sealed FROM views WHERE notice_id = ? ORDER BY delivery_seq DESC LIMIT 1')
      .get(noticeId) as ViewRow | undefined;
    return row ? this.open(row) : undefined;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM views').get() as { n: number }).n;
  }

  /** Deletes views received before the cutoff (the agency's retention period). */
  purgeReceivedBefore(cutoff: Date): number {
    const iso = cutoff.toISOString();
    return this.db.transaction(() => {
      const views = this.db.prepare('DELETE FROM views WHERE received_at < ?').run(iso).changes;
      const rejected = this.db.prepare('DELETE FROM rejected_views WHERE received_at < ?').run(iso).changes;
      return views + rejected;
    })();
  }

  private open(row: ViewRow): NodeView {
    const content = JSON.parse(this.cipher.open(row.sealed, aad(row.delivery_seq)).toString('utf8')) as SealedContent;
    return {
      deliverySeq: row.delivery_seq,
      noticeId: row.notice_id,
      receivedAt: row.received_at,
      signedView: content.signedView,
      view: content.view,
      ...(content.traceparent ? { traceparent: content.traceparent } : {}),
    };
  }
}
