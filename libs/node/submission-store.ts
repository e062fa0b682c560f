import type { NodeDatabase } from './node-database.js';
import type { ViewCipher } from './view-cipher.js';

export type SubmissionStatus = 'pending' | 'accepted' | 'quarantined';

/** A notice the node signed and published for its agency, and what ingest decided. */
export interface Submission {
  noticeId: string;
  idempotencyKey?: string;
  /** SHA-256 of the request body as sent: a retry must send the same. */
  bodyDigest: string;
  ingestSeq?: number;
  status: SubmissionStatus;
  code?: string;
  path?: string;
  submittedBy: string;
  submittedAt: string;
  decidedAt?: string;
}

interface SubmissionRow {
  notice_id: string;
  idempotency_key: string | null;
  body_digest: string;
  ingest_seq: number | null;
  status: SubmissionStatus;
  code: string | null;
  path: string | null;
  submitted_by: string;
  submitted_at: string;
  decided_at: string | null;
}

function fromRow(r: SubmissionRow): Submission {
  return {
    noticeId: r.notice_id,
    bodyDigest: r.body_digest,
    status: r.status,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    ...(r.idempotency_key !== null ? { idempotencyKey: r.idempotency_key } : {}),
    ...(r.ingest_seq !== null ? { ingestSeq: r.ingest_seq } : {}),
    ...(r.code !== null ? { code: r.code } : {}),
    ...(r.path !== null ? { path: r.path } : {}),
    ...(r.decided_at !== null ? { decidedAt: r.decided_at } : {}),
  };
}

const COLUMNS = 'notice_id, idempotency_key, body_digest, ingest_seq, status, code, path, submitted_by, submitted_at, decided_at';
const aad = (noticeId: string): string => `submission:${noticeId}`;

/**
 * The agency's own submissions through this node. The signed submission is kept (sealed)
 * until ingest decides, so a retry after a crash publishes the very same bytes (the
 * broker's dedup makes it the same submission); and, once accepted, for good as the
 * notice's kept copy (`sent_notices`), which a release on a request to widen carries.
 */
export class SubmissionStore {
  constructor(
    private readonly db: NodeDatabase,
    private readonly cipher: ViewCipher,
  ) {}

  find(noticeId: string): Submission | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM submissions WHERE notice_id = ?`).get(noticeId) as SubmissionRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  findByIdempotencyKey(key: string): Submission | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM submissions WHERE idempotency_key = ?`).get(key) as SubmissionRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Records a new submission, and its kept copy, before it is published. */
  record(submission: Omit<Submission, 'status'>, signed: Uint8Array): void {
    const sealed = this.cipher.seal(signed, aad(submission.noticeId));
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO submissions (notice_id, idempotency_key, body_digest, sealed, status, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          submission.noticeId,
          submission.idempotencyKey ?? null,
          submission.bodyDigest,
          sealed,
          'pending',
          submission.submittedBy,
          submission.submittedAt,
        );
      this.db
        .prepare('INSERT INTO sent_notices (notice_id, sealed, kept_at) VALUES (?, ?, ?)')
        .run(submission.noticeId, sealed, submission.submittedAt);
    })();
  }

  /** The notice as the node signed and published it; undefined when this node did not, or ingest refused it. */
  kept(noticeId: string): Buffer | undefined {
    // A noticeId is a UUID, whatever the case it was written in.
    const row = this.db.prepare('SELECT notice_id, sealed FROM sent_notices WHERE notice_id = ? COLLATE NOCASE').get(noticeId) as
      { notice_id: string; sealed: Buffer } | undefined;
    return row ? this.cipher.open(row.sealed, aad(row.notice_id)) : undefined;
  }

  /** The signed submission; undefined once decided (the bytes are dropped then). */
  signed(noticeId: string): Buffer | undefined {
    const row = this.db.prepare('SELECT sealed FROM submissions WHERE notice_id = ?').get(noticeId) as { sealed: Buffer } | undefined;
    return row && row.sealed.length > 0 ? this.cipher.open(row.sealed, aad(noticeId)) : undefined;
  }

  published(noticeId: string, ingestSeq: number): void {
    this.db.prepare('UPDATE submissions SET ingest_seq = ? WHERE notice_id = ?').run(ingestSeq, noticeId);
  }

  /**
   * Records ingest's decision on a pending submission; false when it was decided already
   * (by another request, at once). The submission's bytes are no longer needed for a retry
   * and are dropped; a quarantined notice's kept copy too: it reached no one.
   */
  decide(noticeId: string, decision: { status: 'accepted' | 'quarantined'; code?: string; path?: string }, at: Date): boolean {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(
          "UPDATE submissions SET status = ?, code = ?, path = ?, decided_at = ?, sealed = x'' WHERE notice_id = ? AND status = 'pending'",
        )
        .run(decision.status, decision.code ?? null, decision.path ?? null, at.toISOString(), noticeId);
      if (changed.changes === 1 && decision.status === 'quarantined')
        this.db.prepare('DELETE FROM sent_notices WHERE notice_id = ?').run(noticeId);
      return changed.changes === 1;
    })();
  }

  /** Every submission, newest first. */
  all(): Submission[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM submissions ORDER BY submitted_at DESC`).all() as SubmissionRow[]).map(fromRow);
  }

  pending(): Submission[] {
    return (
      this.db.prepare(`SELECT ${COLUMNS} FROM submissions WHERE status = 'pending' ORDER BY submitted_at`).all() as SubmissionRow[]
    ).map(fromRow);
  }
}
