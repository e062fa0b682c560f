/**
 * The node database's schema, one migration per version, applied in order and never
 * edited once released: a node upgraded in place runs only those it lacks. Personal data
 * of views lives only in `sealed` columns (AES-256-GCM under the node's view key).
 */
export const NODE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE views (
    delivery_seq INTEGER PRIMARY KEY,
    notice_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    sealed BLOB NOT NULL
  );
  CREATE INDEX views_by_notice ON views (notice_id);
  CREATE INDEX views_by_received ON views (received_at);
  CREATE TABLE rejected_views (
    delivery_seq INTEGER PRIMARY KEY,
    received_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    sealed BLOB NOT NULL
  );
  CREATE TABLE officers (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    password_change_required INTEGER NOT NULL DEFAULT 1,
    one_time_used_at TEXT, -- when the one-time password was spent on its one login
    totp_sealed BLOB,
    totp_last_step INTEGER,
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    officer TEXT NOT NULL REFERENCES officers (name),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
  );
  CREATE INDEX sessions_by_officer ON sessions (officer);
  CREATE TABLE api_tokens (
    name TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    last_used_at TEXT
  );
  CREATE TABLE receipts (
    notice_id TEXT NOT NULL,
    reader TEXT NOT NULL,
    read_at TEXT NOT NULL,
    PRIMARY KEY (notice_id, reader)
  );
  CREATE TABLE view_reads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    notice_id TEXT NOT NULL,
    reader TEXT NOT NULL,
    read_at TEXT NOT NULL
  );
  CREATE TABLE submissions (
    notice_id TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    body_digest TEXT NOT NULL,
    sealed BLOB NOT NULL,
    ingest_seq INTEGER,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'quarantined')),
    code TEXT,
    path TEXT,
    submitted_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    decided_at TEXT
  );
  CREATE INDEX submissions_pending ON submissions (status) WHERE status = 'pending';
  CREATE TABLE checkpoints (
    checkpoint_seq INTEGER PRIMARY KEY,
    received_at TEXT NOT NULL,
    signed BLOB NOT NULL
  );
  `,
  // 2: relations and tombstones. A relation names notices only by their random ids, so it
  // is kept in clear, to link versions and replies without opening views. A withdrawn
  // view keeps its row (its delivery sequence, so a redelivery stays one row) but not its
  // content: `sealed` is emptied.
  `
  CREATE TABLE view_relations (
    delivery_seq INTEGER NOT NULL REFERENCES views (delivery_seq) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('REPLY', 'UPDATE')),
    notice_id TEXT NOT NULL,
    PRIMARY KEY (delivery_seq, kind, notice_id)
  );
  CREATE INDEX view_relations_by_notice ON view_relations (notice_id, kind);
  CREATE TABLE tombstones (
    delivery_seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('UPDATE', 'WITHDRAWAL')),
    by_notice_id TEXT NOT NULL,
    issuing_agency TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    withdrawal_code TEXT NOT NULL,
    received_at TEXT NOT NULL,
    sealed BLOB NOT NULL
  );
  CREATE INDEX tombstones_by_received ON tombstones (received_at);
  CREATE TABLE tombstone_notices (
    delivery_seq INTEGER NOT NULL REFERENCES tombstones (delivery_seq) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    notice_id TEXT NOT NULL,
    PRIMARY KEY (delivery_seq, position)
  );
  CREATE INDEX tombstone_notices_by_notice ON tombstone_notices (notice_id);
  `,
  // 3. The agency's signed notices, kept (sealed) for good: a release, on a request to
  // widen, carries the notice as the agency signed it (the bus keeps none). Those still
  // pending are copied; the bytes of those decided before were dropped and cannot be.
  `
  CREATE TABLE sent_notices (
    notice_id TEXT PRIMARY KEY,
    sealed BLOB NOT NULL,
    kept_at TEXT NOT NULL
  );
  INSERT INTO sent_notices (notice_id, sealed, kept_at)
    SELECT notice_id, sealed, submitted_at FROM submissions WHERE length(sealed) > 0;
  `,
];
