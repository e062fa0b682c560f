import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { relationsOf, tombstoneOf, type Supersession, type TombstoneRecord } from './notice-relations.js';
import { readableView } from './readable-view.js';
import type { VerifiedView } from './verify-view.js';

export interface StoredView {
  deliverySeq: number;
  noticeId: string;
  storedAt: string;
  /** The view as delivered (SignedView, base64), so anyone can verify it again. */
  signedView: string;
  view: Record<string, unknown>;
  /** The W3C trace context the delivery carried (the adapter's trace, redaction's span): for operators, not signed. */
  traceparent?: string;
  /** The issuer updated the notice: the newer version, or that one exists and was not shared with this agency. */
  supersededBy?: Supersession;
}

/** A withdrawal as kept beside what is left of the views it concerns. */
export interface Withdrawal extends TombstoneRecord {
  /** When this store deleted the content. */
  withdrawnAt: string;
}

/** What is left of a view once the issuer withdrew its notice: that it was, by whom and why; nothing of its content. */
export interface WithdrawnView {
  deliverySeq: number;
  noticeId: string;
  storedAt: string;
  withdrawn: Withdrawal;
}

/** A delivery of a notice in the store: the view, or what its withdrawal left of it. */
export type InboxEntry = StoredView | WithdrawnView;

export const isWithdrawn = (entry: InboxEntry): entry is WithdrawnView => 'withdrawn' in entry;

/** A tombstone as delivered (kept even when it names no view of this store: that one may have gone before it). */
export interface StoredTombstone {
  deliverySeq: number;
  storedAt: string;
  signedView: string;
  tombstone: TombstoneRecord;
  traceparent?: string;
}

export interface RejectedView {
  deliverySeq: number;
  storedAt: string;
  reason: string;
  signedView: string;
}

const pad = (seq: number): string => String(seq).padStart(12, '0');

function writeAtomically(path: string, data: string): void {
  writeFileSync(`${path}.tmp`, data, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * An agency's local store of views. A view is written here before it is acknowledged on
 * the bus, so every officer of the agency reads it from here, not only the first. A
 * withdrawal rewrites every view of the notices it names without their content; an
 * update marks the versions it supersedes. Both are rare, so finding those views reads
 * the folder; an ordinary view is written without reading any other.
 */
export class InboxStore {
  constructor(private readonly dir: string) {
    for (const folder of ['views', 'rejected', 'tombstones']) mkdirSync(join(dir, folder), { recursive: true, mode: 0o700 });
  }

  /**
   * Stores a verified view (not a tombstone: saveTombstone). A delivery already stored (a
   * redelivery) is kept as it is, with whatever a later withdrawal or update made of it;
   * a view of a notice already withdrawn is stored without its content.
   */
  save(deliverySeq: number, signed: Uint8Array, verified: VerifiedView, traceparent?: string): InboxEntry {
    const existing = this.read('views', deliverySeq);
    if (existing) return existing as InboxEntry;
    const noticeId = verified.view.core?.noticeId ?? '';
    const storedAt = new Date().toISOString();
    const tombstones = this.tombstones().map((t) => t.tombstone);
    const withdrawal = tombstones.find((t) => t.kind === 'WITHDRAWAL' && t.noticeIds.includes(noticeId));
    if (withdrawal) {
      const withdrawn: WithdrawnView = { deliverySeq, noticeId, storedAt, withdrawn: { ...withdrawal, withdrawnAt: storedAt } };
      this.write('views', deliverySeq, withdrawn);
      return withdrawn;
    }
    const notShared = tombstones.find((t) => t.kind === 'UPDATE' && t.noticeIds.includes(noticeId));
    const stored: StoredView = {
      deliverySeq,
      noticeId,
      storedAt,
      signedView: Buffer.from(signed).toString('base64'),
      view: readableView(verified),
      ...(traceparent ? { traceparent } : {}),
      ...(notShared ? { supersededBy: { noticeId: notShared.byNoticeId, shared: false } } : {}),
    };
    this.write('views', deliverySeq, stored);
    const updated = relationsOf(verified).filter((r) => r.kind === 'UPDATE');
    if (updated.length > 0) this.supersede(new Set(updated.map((r) => r.noticeId)), { noticeId, shared: true });
    return stored;
  }

  /**
   * Stores a tombstone, then applies it: a withdrawal rewrites every view of the notices it
   * names without signed bytes or view (their content is gone from the store); an update
   * marks them superseded by a version this agency did not receive. Applying it again (a
   * redelivery) changes nothing more.
   */
  saveTombstone(deliverySeq: number, signed: Uint8Array, verified: VerifiedView, traceparent?: string): StoredTombstone {
    const tombstone = tombstoneOf(verified);
    if (!tombstone) throw new TypeError(`delivery #${deliverySeq} is not a tombstone`);
    const stored = (this.read('tombstones', deliverySeq) as StoredTombstone | undefined) ?? {
      deliverySeq,
      storedAt: new Date().toISOString(),
      signedView: Buffer.from(signed).toString('base64'),
      tombstone,
      ...(traceparent ? { traceparent } : {}),
    };
    // The tombstone first: a crash before the views are rewritten leaves it to redo, never a withdrawal forgotten.
    this.write('tombstones', deliverySeq, stored);
    const concerned = new Set(tombstone.noticeIds);
    if (tombstone.kind === 'WITHDRAWAL') this.withdraw(concerned, { ...tombstone, withdrawnAt: stored.storedAt });
    else this.supersede(concerned, { noticeId: tombstone.byNoticeId, shared: false });
    return stored;
  }

  /** A view that failed verification is set aside, never shown as genuine, never lost. */
  reject(deliverySeq: number, signed: Uint8Array, reason: string): RejectedView {
    const rejected: RejectedView = {
      deliverySeq,
      storedAt: new Date().toISOString(),
      reason,
      signedView: Buffer.from(signed).toString('base64'),
    };
    this.write('rejected', deliverySeq, rejected);
    return rejected;
  }

  has(deliverySeq: number): boolean {
    return existsSync(this.path('views', deliverySeq));
  }

  /** The issuer of a notice the agency received, from its stored view; undefined when none is stored. */
  issuerOf(noticeId: string): string | undefined {
    const id = noticeId.toLowerCase();
    const stored = this.list().find((s) => s.noticeId.toLowerCase() === id);
    const core = stored?.view.core as { issuingAgency?: unknown } | undefined;
    return typeof core?.issuingAgency === 'string' ? core.issuingAgency : undefined;
  }

  /** Every stored view with its content, oldest delivery first (withdrawn ones are not: entries() has them). */
  list(): StoredView[] {
    return this.entries().filter((e): e is StoredView => !isWithdrawn(e));
  }

  /** Every delivery of a notice, oldest first: the views, and what withdrawals left of others. */
  entries(): InboxEntry[] {
    return this.all('views') as InboxEntry[];
  }

  /** Every tombstone, oldest delivery first. */
  tombstones(): StoredTombstone[] {
    return this.all('tombstones') as StoredTombstone[];
  }

  private withdraw(noticeIds: ReadonlySet<string>, withdrawal: Withdrawal): void {
    for (const entry of this.entries()) {
      if (!noticeIds.has(entry.noticeId) || isWithdrawn(entry)) continue;
      const { deliverySeq, noticeId, storedAt } = entry;
      this.write('views', deliverySeq, { deliverySeq, noticeId, storedAt, withdrawn: withdrawal } satisfies WithdrawnView);
    }
  }

  /** Marks the views of these notices superseded; a version received outranks word of one not shared. */
  private supersede(noticeIds: ReadonlySet<string>, by: Supersession): void {
    for (const entry of this.entries()) {
      if (!noticeIds.has(entry.noticeId) || isWithdrawn(entry) || entry.supersededBy?.shared) continue;
      this.write('views', entry.deliverySeq, { ...entry, supersededBy: by } satisfies StoredView);
    }
  }

  private path(folder: string, deliverySeq: number): string {
    return join(this.dir, folder, `${pad(deliverySeq)}.json`);
  }

  private write(folder: string, deliverySeq: number, value: unknown): void {
    writeAtomically(this.path(folder, deliverySeq), json(value));
  }

  private read(folder: string, deliverySeq: number): unknown {
    const path = this.path(folder, deliverySeq);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
  }

  private all(folder: string): unknown[] {
    return readdirSync(join(this.dir, folder))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(this.dir, folder, f), 'utf8')) as unknown);
  }
}
