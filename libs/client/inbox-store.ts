import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * An agency's local store of views. A view is written here before it is acknowledged on
 * the bus, so every officer of the agency reads it from here, not only the first.
 */
export class InboxStore {
  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'views'), { recursive: true, mode: 0o700 });
    mkdirSync(join(dir, 'rejected'), { recursive: true, mode: 0o700 });
  }

  save(deliverySeq: number, signed: Uint8Array, verified: VerifiedView, traceparent?: string): StoredView {
    const stored: StoredView = {
      deliverySeq,
      noticeId: verified.view.core?.noticeId ?? '',
      storedAt: new Date().toISOString(),
      signedView: Buffer.from(signed).toString('base64'),
      view: readableView(verified),
      ...(traceparent ? { traceparent } : {}),
    };
    writeAtomically(join(this.dir, 'views', `${pad(deliverySeq)}.json`), `${JSON.stringify(stored, null, 2)}\n`);
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
    writeAtomically(join(this.dir, 'rejected', `${pad(deliverySeq)}.json`), `${JSON.stringify(rejected, null, 2)}\n`);
    return rejected;
  }

  has(deliverySeq: number): boolean {
    return existsSync(join(this.dir, 'views', `${pad(deliverySeq)}.json`));
  }

  /** The issuer of a notice the agency received, from its stored view; undefined when none is stored. */
  issuerOf(noticeId: string): string | undefined {
    const id = noticeId.toLowerCase();
    const stored = this.list().find((s) => s.noticeId.toLowerCase() === id);
    const core = stored?.view.core as { issuingAgency?: unknown } | undefined;
    return typeof core?.issuingAgency === 'string' ? core.issuingAgency : undefined;
  }

  /** Every stored view, oldest delivery first. */
  list(): StoredView[] {
    return readdirSync(join(this.dir, 'views'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(this.dir, 'views', f), 'utf8')) as StoredView);
  }
}
