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
 * broker's dedup makes it the same submission).
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

  /** Records a new submission before it is published. */
  record(submission: Omit<Submission, 'status'>, signed: Uint8Array): void {
    this.db
      .prepare(
        'INSERT INTO submissions (notice_id, idempotency_key, body_digest, sealed, status, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        submission.noticeId,
        submission.idempotencyKey ?? null,
        submission.bodyDigest,
        this.cipher.seal(signed, aad(submission.noticeId)),
        'pending',
        submission.submittedBy,
        submission.submittedAt,
      );
  }

  /** The signed submission; undefined once decided (the bytes are dropped then). */
  signed(noticeId: string): Buffer | undefined {
    const row = this.db.prepare('SELECT sealed FROM submissions WHERE notice_id = ?').get(noticeId) as { sealed: Buffer } | undefined;
    return row && row.sealed.length > 0 ? this.cipher.open(row.sealed, aad(noticeId)) : undefined;
  }

  published(noticeId: string, ingestSeq: number): void {
    this.db.prepare('UPDATE submissions SET ingest_seq = ? WHERE notice_id = ?').run(ingestSeq, noticeId);
  }

  /** Ingest's decision; the signed bytes are no longer needed and are dropped. */
  /** Records ingest's decision on a pending submission; false when it was decided already (by another request, at once). */
  decide(noticeId: string, decision: { status: 'accepted' | 'quarantined'; code?: string; path?: string }, at: Date): boolean {
    const changed = this.db
      .prepare(
        "UPDATE submissions SET status = ?, code = ?, path = ?, decided_at = ?, sealed = x'' WHERE notice_id = ? AND status = 'pending'",
      )
      .run(decision.status, decision.code ?? null, decision.path ?? null, at.toISOString(), noticeId);
    return changed.changes === 1;
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
